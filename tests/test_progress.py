"Tests of plmnb.progress that are too slow or too system-bound for the notebook: Trainer runs, and a real kernel's Stop click."
import math, queue, textwrap, time
import pytest, torch
from transformers import BertConfig, BertForSequenceClassification, Trainer, TrainerCallback, TrainingArguments
from plmnb.progress import LiveProgress, LiveProgressCallback

BARS = ('ProgressCallback', 'NotebookProgressCallback', 'PrinterCallback')

def tiny_bert():
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
    return BertForSequenceClassification(cfg)

def data(n=64, t=12):
    return [dict(input_ids=torch.randint(1, 100, (t,)), attention_mask=(torch.arange(t) < t - i % 4).long(),
                 labels=torch.tensor(i % 2)) for i in range(n)]

def targs(d, **kw):
    return TrainingArguments(d, **{**dict(max_steps=40, per_device_train_batch_size=8, logging_steps=2, report_to=[],
                                          save_strategy='no', use_cpu=True), **kw})

class ClickAt(TrainerCallback):
    "Presses the Stop button (what its click handler runs) at step `at`."
    def __init__(self, lp, at): self.lp, self.at = lp, at
    def on_step_end(self, args, state, control, **kw):
        if state.global_step == self.at: self.lp.request_stop('button')

def test_trainer_history_eval_and_tokens(tmp_path):
    lp = LiveProgress(progress='none')
    seen = []
    cb = LiveProgressCallback(lp, examples=lambda m: seen.append(m) or [dict(text='x', true=1, pred=0)])
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=8, eval_strategy='steps', eval_steps=4,
                                               include_num_input_tokens_seen='non_padding'),
                 train_dataset=data(), eval_dataset=data(16), callbacks=[cb])
    tr.train()
    assert not [c for c in tr.callback_handler.callbacks if type(c).__name__ in BARS]
    h = lp.history
    assert lp.finished and lp.global_step == 8 and lp.total_steps == 8
    assert h.loss.notna().sum() == 4 and h.eval_loss.notna().sum() == 2 and 'eval_runtime' in h
    assert {'step', 'epoch', 'time', 'samples', 'tokens', 'learning_rate', 'grad_norm'} <= set(h.columns)
    assert lp.samples_seen == 64 and 0 < lp.tokens_seen < 8*8*12  # non-padding tokens only
    assert len(seen) == 2 and lp.panels[3].rows  # examples(model) at each evaluation

def test_stop_mid_run_returns_normally(tmp_path):
    lp = LiveProgress(progress='none')
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path), train_dataset=data())
    tr.add_callback(LiveProgressCallback(lp))
    tr.add_callback(ClickAt(lp, 5))
    out = tr.train()
    assert not [c for c in tr.callback_handler.callbacks if type(c).__name__ in BARS]
    assert lp.stop_reason == 'button' and tr.state.global_step in (5, 6) and tr.state.global_step < 40
    assert out.global_step == tr.state.global_step and lp.finished and len(lp.history)

class NanAfter(torch.nn.Module):
    "A model whose loss turns NaN after `n` forward passes."
    def __init__(self, n):
        super().__init__(); self.lin, self.n, self.calls = torch.nn.Linear(12, 2), n, 0
    def forward(self, input_ids=None, attention_mask=None, labels=None):
        self.calls += 1
        logits = self.lin(input_ids.float())
        loss = torch.nn.functional.cross_entropy(logits, labels)
        return dict(loss=loss * float('nan') if self.calls > self.n else loss, logits=logits)

def test_nan_stops_training(tmp_path):
    lp = LiveProgress(progress='none')
    tr = Trainer(model=NanAfter(6), args=targs(tmp_path, logging_steps=1, logging_nan_inf_filter=False),
                 train_dataset=data(), callbacks=[LiveProgressCallback(lp)])
    tr.train()
    assert lp.stop_reason == 'nan' and tr.state.global_step == 7, tr.state.global_step
    assert math.isnan(lp.history.loss.iloc[-1]) and 'training stops' in lp.alerts[0]

def test_terminal_trainer_prints_lines(tmp_path, capsys):
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=6, eval_strategy='steps', eval_steps=3),
                 train_dataset=data(), eval_dataset=data(8), callbacks=[LiveProgressCallback(progress='terminal')])
    tr.train()
    out = capsys.readouterr().out
    assert 'eval @ step 3' in out and 'step 6/6' in out
    assert 'Box(' not in out and 'children=' not in out and "{'loss'" not in out  # no widget repr, no default printer

# -- A real kernel: the Stop click arrives while the cell runs -----------------------------------------------------------

KERNEL_CODE = textwrap.dedent('''
    import time
    from plmnb.progress import LiveProgress
    lp = LiveProgress(total_steps=300, progress='auto', redraw_every=.2, title='click test')
    for i in lp.track(range(300)):
        time.sleep(.05); lp.log(loss=1/(i+1))
    print('RESULT', lp.progress, lp.stop_reason, lp.global_step, lp.clicks_while_busy)
''')

def test_stop_click_in_a_real_kernel():
    jc = pytest.importorskip('jupyter_client.manager')
    try: km, kc = jc.start_new_kernel(kernel_name='python3', startup_timeout=60)
    except Exception as e: pytest.skip(f'no kernel: {e}')
    try:
        msg_id = kc.execute(KERNEL_CODE)
        button, result, final_html, t0, clicked, shown = None, None, None, time.time(), False, None
        while time.time() - t0 < 60:
            try: msg = kc.get_iopub_msg(timeout=1)
            except queue.Empty: continue
            typ, c = msg['msg_type'], msg['content']
            if typ == 'comm_open' and c['data'].get('state', {}).get('_model_name') == 'ButtonModel': button = c['comm_id']
            if typ == 'stream' and 'RESULT' in c['text']: result = c['text'].split()
            if typ == 'display_data' and 'application/vnd.jupyter.widget-view+json' in c['data']: shown = time.time()
            if typ == 'update_display_data': final_html = c['data'].get('text/html')
            if button and shown and not clicked and time.time() - shown > 1.5:  # what the browser sends when Stop is clicked
                kc.shell_channel.send(kc.session.msg('comm_msg', dict(comm_id=button, data=dict(method='custom', content=dict(event='click')))))
                clicked = time.time()
            if typ == 'status' and c['execution_state'] == 'idle' and msg['parent_header'].get('msg_id') == msg_id: break
        assert button and result, (button, result)
        _, display, reason, steps, routed = result[:5]
        assert display == 'widget' and routed == 'True'
        assert reason == 'button' and 10 < int(steps) < 300, result  # the click was handled while the loop ran
        assert final_html and 'data:image/png;base64,' in final_html  # the live view became the static snapshot
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)
