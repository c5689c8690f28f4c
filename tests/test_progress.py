"Tests of plmnb.progress that are too slow or too system-bound for the notebook: Trainer runs, and a real kernel's Stop click."
import math, queue, re, textwrap, time
import pytest, torch
from transformers import BertConfig, BertForSequenceClassification, Trainer, TrainerCallback, TrainingArguments
from plmnb.progress import LiveProgress, LiveProgressCallback
import os, subprocess, sys, warnings

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

def visible(text:str)->list:
    "The lines a terminal shows of `text`: what follows the last carriage return of each line (tqdm erases with \r)."
    return [l.split('\r')[-1].strip() for l in text.split('\n') if l.split('\r')[-1].strip()]

def find_cb(tr): return next(c for c in tr.callback_handler.callbacks if isinstance(c, LiveProgressCallback))

@pytest.mark.parametrize('how', ['callbacks=[instance]', 'callbacks=[class]', 'add_callback(instance)', 'add_callback(class)'])
def test_callback_added_any_way(tmp_path, capfd, how):
    "Whichever way the callback is added, the default bars go and each line is printed once."
    obj = LiveProgressCallback(progress='terminal') if 'instance' in how else LiveProgressCallback
    kw = dict(callbacks=[obj]) if how.startswith('callbacks') else {}
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=8, eval_strategy='steps', eval_steps=4), train_dataset=data(),
                 eval_dataset=data(8), **kw)
    if how.startswith('add_callback'): tr.add_callback(obj)
    tr.train()
    out, err = capfd.readouterr()
    assert not [c for c in tr.callback_handler.callbacks if type(c).__name__ in BARS]
    lines = visible(out)
    assert sum('done in' in l for l in lines) == 1
    assert [l.split(':')[0] for l in lines if l.startswith('eval @ step')] == ['eval @ step 4', 'eval @ step 8']  # each once
    assert "{'loss'" not in out and "{'eval_loss'" not in out  # no PrinterCallback / ProgressCallback log lines
    assert not [l for l in visible(err) if '%|' in l or 'it/s]' in l], err[-500:]  # no tqdm bar left on screen
    assert find_cb(tr).lp.finished and find_cb(tr).lp.global_step == 8

def test_bars_found_once_per_trainer(tmp_path, monkeypatch):
    """The callback lists are searched (gc, ~50 ms in a big process) once per Trainer, not again when training starts;
    the same callback given to a second Trainer still mutes that Trainer's bars."""
    import plmnb.progress as pp
    calls, real = [], pp.gc.get_referrers
    monkeypatch.setattr(pp.gc, 'get_referrers', lambda *a: calls.append(1) or real(*a))
    cb = LiveProgressCallback(LiveProgress(progress='none'))
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=2), train_dataset=data(), callbacks=[cb])
    assert len(calls) == 1
    tr.train()
    assert len(calls) == 1 and not [c for c in tr.callback_handler.callbacks if type(c).__name__ in BARS]
    tr2 = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=2), train_dataset=data())
    tr2.add_callback(cb); tr2.train()  # added after init: found when training starts
    assert len(calls) == 2 and not [c for c in tr2.callback_handler.callbacks if type(c).__name__ in BARS]

def test_evaluate_and_predict_after_training(tmp_path, capfd):
    "evaluate()/predict() after a run show their own progress and result in the calling cell, not a row in the run's view."
    cb = LiveProgressCallback(progress='terminal')
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=4, per_device_eval_batch_size=4), train_dataset=data(),
                 eval_dataset=data(16), callbacks=[cb])
    tr.train(); capfd.readouterr()
    rows = len(cb.lp.history)
    m = tr.evaluate()
    p = tr.predict(data(12))
    out, err = capfd.readouterr()
    assert len(cb.lp.history) == rows  # the finished run's view got no duplicate row
    ev = [l for l in visible(out) if l.startswith('evaluate:')]; pr = [l for l in visible(out) if l.startswith('predict:')]
    assert len(ev) == 1 and ev[0].startswith('evaluate: 16 examples') and f"loss {m['eval_loss']:.4g}" in ev[0]
    assert len(pr) == 1 and pr[0].startswith('predict: 12 examples') and f"loss {p.metrics['test_loss']:.4g}" in pr[0]
    assert p.predictions.shape == (12, 2) and "{'eval_loss'" not in out and not [l for l in visible(err) if '%|' in l]

def test_evaluate_after_a_quiet_run_stays_quiet(tmp_path, capfd):
    "evaluate() after a run made with progress='none' uses the run's front end: nothing printed."
    cb = LiveProgressCallback(LiveProgress(progress='none'))
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=2), train_dataset=data(), eval_dataset=data(8), callbacks=[cb])
    tr.train(); tr.evaluate()
    assert capfd.readouterr().out == '' and cb.lp.progress == 'none'

def test_eval_progress_inside_the_run(tmp_path):
    "During training, each evaluation batch moves an eval bar inside the view (on_prediction_step)."
    seen = []
    class Spy(TrainerCallback):
        def on_prediction_step(self, args, state, control, **kw): seen.append(cb.lp.panels[0].pred)
    cb = LiveProgressCallback(progress='none')
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=4, eval_strategy='steps', eval_steps=4, per_device_eval_batch_size=4),
                 train_dataset=data(), eval_dataset=data(16), callbacks=[cb, Spy()])
    tr.train()
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)] and cb.lp.panels[0].pred is None  # cleared when the evaluation is logged

def test_gradient_accumulation_is_said_on_the_chart(tmp_path):
    "With gradient_accumulation_steps=2 the Trainer logs the train loss on another scale: train and eval loss get a chart each."
    cb = LiveProgressCallback(progress='none')
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=4, per_device_train_batch_size=4, gradient_accumulation_steps=2,
                                               eval_strategy='steps', eval_steps=2, logging_steps=1, learning_rate=1e-9),
                 train_dataset=data(), eval_dataset=data(32), callbacks=[cb])
    tr.train()
    lp = cb.lp
    assert lp.accumulation == 2 and lp.processes == 1 and lp.samples_seen == 4 * 8
    charts = lp.panels[1].specs()
    assert [t for t, _, _ in charts][:2] == ['train loss', 'eval loss'] and '2 accumulation steps' in charts[0][1]
    h = lp.history
    # what the chart says is so: with lr ~ 0 the eval loss is the model's loss, and the logged train loss is about twice it
    assert 1.6 < h.loss.dropna().mean() / h.eval_loss.dropna().mean() < 2.4
    one = LiveProgressCallback(progress='none')
    Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=2, eval_strategy='steps', eval_steps=2), train_dataset=data(),
            eval_dataset=data(8), callbacks=[one]).train()
    assert one.lp.panels[1].specs()[0][0] == 'loss'  # comparable: one chart

def test_checkpoints_leak_no_bars_and_switches_come_back(tmp_path, capfd):
    "Saving checkpoints while training prints no library bars; the libraries' switches are restored afterwards."
    from transformers.utils import logging as tlog
    import huggingface_hub.utils as hu
    before = tlog.is_progress_bar_enabled(), hu.are_progress_bars_disabled()
    cb = LiveProgressCallback(progress='terminal')
    tr = Trainer(model=tiny_bert(), args=targs(tmp_path/'out', max_steps=6, save_strategy='steps', save_steps=3), train_dataset=data(),
                 callbacks=[cb])
    tr.train()
    out, err = capfd.readouterr()
    assert sorted(p.name for p in (tmp_path/'out').glob('checkpoint-*')) == ['checkpoint-3', 'checkpoint-6']
    assert not [l for l in visible(err) + visible(out) if '%|' in l or 'Writing' in l], (out[-500:], err[-500:])
    assert (tlog.is_progress_bar_enabled(), hu.are_progress_bars_disabled()) == before

DDP = textwrap.dedent("""
    import os, sys, torch
    sys.path.insert(0, sys.argv[1])
    from test_progress import tiny_bert, data, targs
    from transformers import Trainer
    from plmnb.progress import LiveProgressCallback
    cb = LiveProgressCallback(progress='terminal')
    tr = Trainer(model=tiny_bert(), args=targs(sys.argv[2], max_steps=4, eval_strategy='steps', eval_steps=2, logging_steps=1),
                 train_dataset=data(), eval_dataset=data(16), callbacks=[cb])
    tr.train()
    titles = [t for t, _, _ in cb.lp.panels[1].specs()]
    os.write(1, f"RANK {tr.args.process_index} PROCESSES {cb.lp.processes} CHARTS {'|'.join(titles[:2])} STEPS {cb.lp.global_step}\\n".encode())  # one write: the two ranks' lines never interleave
""")

def test_two_processes(tmp_path):
    "torchrun with 2 CPU processes (gloo): one view (the main process's), which knows the loss is summed over processes."
    (tmp_path/'ddp.py').write_text(DDP)
    r = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_port', '29547', str(tmp_path/'ddp.py'),
                        os.path.dirname(__file__), str(tmp_path/'out')], capture_output=True, text=True, timeout=300,
                       env={**os.environ, 'OMP_NUM_THREADS': '1'})
    assert r.returncode == 0, r.stderr[-3000:]
    out = visible(r.stdout)
    ranks = sorted(re.findall(r'RANK \d PROCESSES \d CHARTS [^\n]*? STEPS \d+', r.stdout))  # each rank's one line, wherever it landed
    assert ranks == ['RANK 0 PROCESSES 2 CHARTS train loss|eval loss STEPS 4', 'RANK 1 PROCESSES 2 CHARTS train loss|eval loss STEPS 4'], ranks
    assert sum('done in' in l for l in out) == 1 and sum(l.startswith('eval @ step 2') for l in out) == 1
    assert "{'loss'" not in r.stdout

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

def test_previous_run_drawn_only_behind_a_run_of_its_kind():
    "finetune keys its view by task: a masked-LM loss (~7) is not drawn behind a classification loss (~0.5)."
    def run(key, loss):
        lp = LiveProgress(progress='none', compare=key).start(total_steps=2)
        for s in (1, 2): lp.step(n_samples=8, step=s); lp.log(step=s, loss=loss)
        return lp.finish()
    run('fill-mask', 7.0)
    assert run('text-classification', 0.5).previous is None
    again = run('text-classification', 0.4)
    assert again.previous and again.previous[-1]['loss'] == 0.5
    assert LiveProgress(progress='none').start(total_steps=1).previous[-1]['loss'] == 0.4  # compare=True: any previous run
