"finetune as a user meets it: interrupts, NaN, bad input, the terminal, several processes, the real default model."
import math, os, signal, subprocess, sys, textwrap
import pytest, torch
from transformers import TrainerCallback
from plmnb.core import BadArgumentError, DataError, UnsupportedTaskError
from plmnb.data import load_data, sample
from plmnb.models import load
from plmnb.train import finetune, Run

TEXTS = ['a wonderful, moving film', 'dull and far too long', 'I would watch it again', 'a waste of an evening'] * 8
LABELS = ['pos', 'neg', 'pos', 'neg'] * 8

@pytest.fixture
def data(): return load_data({'text': TEXTS, 'label': LABELS}, 'text-classification', seed=0)

def tiny(data, name='tiny-bert'): return load(name, 'text-classification', labels=data.labels, quiet=True)

class At(TrainerCallback):
    "Run `fn(model)` at the end of optimiser step `step`."
    def __init__(self, step, fn): self.at, self.fn = step, fn
    def on_step_end(self, args, state, control, model=None, **kw):
        if state.global_step == self.at: self.fn(model)

def test_keyboard_interrupt_keeps_model_and_history(data):
    ld = tiny(data)
    def interrupt(model): raise KeyboardInterrupt
    run = finetune(ld, data, epochs=5, batch_size=8, progress='none', callbacks=[At(4, interrupt)])
    assert run.stop_reason == 'interrupt'
    assert run.model is ld.model and len(run.history) > 0 and run.history['step'].max() <= 4
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Ctrl-C is Python's again

def test_sigint_stops_after_the_current_step(data):
    ld = tiny(data)
    def ctrl_c(model): os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C / Jupyter's interrupt sends
    run = finetune(ld, data, epochs=20, batch_size=8, progress='none', callbacks=[At(3, ctrl_c)])
    assert run.stop_reason == 'interrupt'
    assert run.history['step'].max() == 3 and 'eval_accuracy' in run.metrics

def test_nan_loss_stops_and_keeps_last_good_state(data):
    ld = tiny(data)
    good = {}
    def record(model): good.update({k: v.detach().clone() for k, v in model.state_dict().items()})
    def poison(model):
        with torch.no_grad(): model.bert.embeddings.word_embeddings.weight.fill_(float('nan'))
    # weights after step 2 give step 3 a finite loss; then they are poisoned, so step 4's loss is NaN
    run = finetune(ld, data, epochs=5, batch_size=8, progress='none', callbacks=[At(2, record), At(3, poison)])
    assert run.stop_reason == 'nan'
    assert run.history['step'].max() == 4
    assert all(torch.isfinite(p).all() for p in run.model.parameters())
    sd = run.model.state_dict()
    assert all(torch.equal(sd[k], v) for k, v in good.items())  # the last weights known to give a finite loss

def test_bad_input(data):
    with pytest.raises(UnsupportedTaskError, match='finetune trains'): finetune(load('tiny-bert', quiet=True), data)
    with pytest.raises(BadArgumentError, match='epochs=0'): finetune(tiny(data), data, epochs=0)
    with pytest.raises(BadArgumentError, match='batch_size=0'): finetune(tiny(data), data, batch_size=0)
    with pytest.raises(BadArgumentError, match='TrainingArguments'): finetune(tiny(data), data, progress='none', no_such_option=1)
    other = load('tiny-bert', 'text-classification', labels=['x', 'y', 'z'], quiet=True)
    with pytest.raises(DataError, match="load the model again with the data's labels|Load the model again"): finetune(other, data)
    with pytest.raises(DataError): finetune(tiny(data), {'sentence': TEXTS, 'label': LABELS[:-1]})

def test_terminal_output_is_plain_text(data, capsys):
    finetune(tiny(data), data, epochs=1, batch_size=8, progress='terminal')
    out = capsys.readouterr().out
    assert 'step' in out.lower() and 'accuracy' in out
    for widget_repr in ('HBox(', 'VBox(', 'Output(', 'IntProgress(', 'Button(', '<IPython', 'HTML(value'):
        assert widget_repr not in out

def test_each_lm_task_finetunes():
    corpus = sample('corpus')
    for name, task in (('tiny-gpt2', 'text-generation'), ('tiny-distilbert', 'fill-mask')):
        ld = load(name, task, quiet=True)
        run = finetune(ld, corpus, epochs=0.05, batch_size=8, progress='none', max_length=64)
        assert math.isfinite(run.metrics['eval_perplexity'])

SCRIPT = textwrap.dedent('''
    import sys
    from plmnb.models import load
    from plmnb.data import load_data
    from plmnb.train import finetune
    texts = ['a wonderful, moving film', 'dull and far too long', 'I would watch it again', 'a waste of an evening'] * 16
    data = load_data({'text': texts, 'label': ['pos', 'neg', 'pos', 'neg'] * 16}, 'text-classification', seed=0)
    ld = load('tiny-bert', 'text-classification', labels=data.labels, quiet=True)
    run = finetune(ld, data, epochs=2, batch_size=4, progress='terminal')
    run.save(sys.argv[1])
    import torch.distributed as dist
    print('RANK', dist.get_rank(), 'WORLD', dist.get_world_size(), 'STEPS', int(run.history['step'].max()), flush=True)
''')

def test_two_process_cpu_run(tmp_path):
    "torchrun with 2 CPU processes (gloo): trains, one progress view, one saved Run."
    script = tmp_path/'ddp.py'; script.write_text(SCRIPT)
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    r = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_port', '29533',
                        str(script), str(tmp_path/'run')], capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    out = r.stdout
    assert 'RANK 0 WORLD 2' in out and 'RANK 1 WORLD 2' in out
    # 128 rows, 112 train / 2 processes / batch 4 = 14 steps an epoch: the data was split between the processes
    steps = {l.split()[5] for l in out.splitlines() if l.startswith('RANK')}
    assert len(steps) == 1 and int(steps.pop()) < 2 * 112 // 4
    # progress is drawn by the main process alone: one closing line, each evaluation printed once
    assert out.count('done in') == 1
    evals = [l for l in out.splitlines() if l.startswith('eval @ step')]
    assert evals and len(evals) == len(set(evals))
    back = Run.load(tmp_path/'run')
    assert back.loaded.labels == ['neg', 'pos'] and len(back.history) > 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith('.run')]  # no half-written copies

@pytest.mark.slow
def test_default_model_learns_sentiment():
    data = sample('sentiment')
    ld = load('all-MiniLM-L6-v2', 'text-classification', labels=data.labels, quiet=True)
    run = finetune(ld, data, epochs=2, progress='none')
    assert run.metrics['eval_accuracy'] >= 0.75, run.metrics

def test_resume_from_checkpoint(data, tmp_path):
    "A run with output_dir keeps checkpoints; finetune(resume=True) continues from the last one."
    ld = tiny(data)
    first = finetune(ld, data, epochs=1, batch_size=8, eval_every=2, progress='none', output_dir=tmp_path/'ckpt')
    ckpts = sorted(p.name for p in (tmp_path/'ckpt').glob('checkpoint-*'))
    assert ckpts, 'no checkpoint written'
    last = int(first.history['step'].max())
    second = finetune(tiny(data), data, epochs=2, batch_size=8, eval_every=2, progress='none', output_dir=tmp_path/'ckpt', resume=True)
    steps = second.history['step'].dropna()
    assert steps.min() > last - 1 and steps.max() == 2 * last  # only the second epoch was trained

@pytest.mark.slow
def test_pretrained_tiny_gpt2_beats_unigram():
    "A tiny GPT-2 pretrained from random weights on the shipped corpus predicts better than token frequencies."
    from plmnb.train import pretrain, unigram_perplexity
    corpus = sample('corpus')
    run = pretrain(corpus, 'gpt2', 'tiny', epochs=4, progress='none')
    base = unigram_perplexity(run.loaded, corpus)
    assert run.metrics['eval_perplexity'] < 0.7 * base, (run.metrics['eval_perplexity'], base)
    assert run.loaded.info.id == 'gpt2-tiny-pretrained'
