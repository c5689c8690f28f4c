"finetune as a user meets it: the head from the data, same seed same result, interrupts, NaN, the terminal, several processes, the Hub."
import json, math, os, re, signal, subprocess, sys, tempfile, textwrap
from pathlib import Path
import pytest, torch
from transformers import TrainerCallback
from plmnb.core import BadArgumentError, DataError, OfflineError, UnsupportedTaskError
from plmnb.data import load_data, sample
from plmnb.models import load, Loaded
from plmnb.train import finetune, pretrain, Run, LengthBuckets, PlmnbTrainer, SaveError

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

def snapshot(model): return {k: v.detach().clone() for k, v in model.state_dict().items()}
def same_weights(model, sd): return all(torch.equal(model.state_dict()[k], v) for k, v in sd.items())

# --- the head is built from the data ---

def test_model_id_gets_a_head_named_from_the_data(data):
    run = finetune('tiny-bert', data, epochs=1, batch_size=8, progress='none')
    assert run.loaded.labels == ['neg', 'pos'] and run.loaded.model.config.num_labels == 2
    assert run.loaded.trained['steps'] == run.settings['optimizer_steps'] > 0
    assert run.loaded.trained['on'] == data.source and run.loaded.trained['kind'] == 'fine-tuned'
    assert run.loaded.name != run.loaded.info.id and str(run.loaded.trained['steps']) in run.loaded.name  # before/after views differ

def test_integer_labels_named_once_by_index():
    ints = load_data({'text': TEXTS, 'label': [1, 0, 1, 0] * 8}, 'text-classification', seed=0)
    run = finetune('tiny-bert', ints, labels=['negative', 'positive'], epochs=0.5, batch_size=8, progress='none', examples=0)
    assert run.loaded.labels == ['negative', 'positive']
    assert run.loaded.model.config.id2label == {0: 'negative', 1: 'positive'}

def test_three_labels_three_outputs():
    d = load_data({'text': TEXTS[:24], 'label': ['a', 'b', 'c'] * 8}, 'text-classification', seed=0)
    run = finetune('tiny-bert', d, epochs=0.5, batch_size=8, progress='none', examples=0)
    assert run.model.config.num_labels == 3 and run.loaded.labels == ['a', 'b', 'c']

def test_loaded_for_other_labels_or_task_gets_a_new_head(data, capsys):
    "The data builds the head, also for a Loaded: its body is kept, a seeded head for the data is put on it, the original is untouched."
    for other in (load('tiny-bert', 'text-classification', labels=['x', 'y', 'z'], quiet=True), load('tiny-bert', 'fill-mask', quiet=True)):
        before = snapshot(other.model)
        run = finetune(other, data, epochs=0.5, batch_size=8, progress='none', examples=0)
        assert run.loaded.labels == ['neg', 'pos'] and run.loaded.task == 'text-classification' and run.model is not other.model
        assert same_weights(other.model, before)  # nothing the user had is lost
        assert 'new text-classification head' in capsys.readouterr().out
    again = [finetune(load('tiny-bert', 'fill-mask', quiet=True), data, epochs=0.5, batch_size=8, progress='none', examples=0) for _ in range(2)]
    assert metrics6(again[0]) == metrics6(again[1])  # same seed, same head

def test_loaded_with_the_same_labels_in_another_order_trains_in_place(data):
    ld = load('tiny-bert', 'text-classification', labels=['pos', 'neg'], quiet=True)
    run = finetune(ld, data, epochs=0.5, batch_size=8, progress='none', examples=0)
    assert run.model is ld.model and run.loaded.labels == ['pos', 'neg']

def test_in_memory_model(data):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from plmnb.models import tiny_model
    path = tiny_model('tiny-bert')
    m = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2, id2label={0: 'neg', 1: 'pos'}, label2id={'neg': 0, 'pos': 1})
    tok = AutoTokenizer.from_pretrained(path)
    run = finetune(m, data, tokenizer=tok, epochs=0.5, batch_size=8, progress='none', examples=0)
    assert run.model is m and run.loaded.trained['steps'] > 0
    with pytest.raises(BadArgumentError, match='tokenizer='): finetune(m, data)

def test_no_temp_folders_left(data, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, 'tempdir', str(tmp_path))  # a temp dir of its own: other programs use /tmp too
    tmp = Path(tempfile.gettempdir())
    before = {p.name for p in tmp.iterdir()}
    finetune('tiny-bert', data, epochs=0.5, batch_size=8, progress='none', examples=0)
    pretrain('A long text about models and data, more than a file name. ' * 40, 'gpt2', 'tiny', epochs=0.5, block_size=32, progress='none')
    assert {p.name for p in tmp.iterdir()} == before

def test_pretrain_returns_the_model_in_memory():
    run = pretrain(['the cat sat on the mat and the dog sat on the log'] * 40, 'gpt2', 'tiny', epochs=0.5, block_size=32, progress='none')
    assert run.loaded.info.id == 'gpt2-tiny-pretrained' and run.loaded.trained['steps'] > 0 and run.loaded.trained['kind'] == 'pretrained'
    assert not (run.loaded.info.path and Path(run.loaded.info.path).is_dir())  # nothing was saved and loaded back

# --- same seed, same result ---

def metrics6(run): return {k: round(v, 6) for k, v in run.metrics.items() if k.startswith('eval_') and not k.endswith(('runtime', 'per_second'))}

def test_same_seed_same_result_in_one_process(data):
    a, b = (finetune('tiny-bert', data, epochs=2, batch_size=8, progress='none', seed=7) for _ in range(2))
    assert metrics6(a) == metrics6(b)
    c = finetune('tiny-bert', data, epochs=2, batch_size=8, progress='none', seed=8)
    assert metrics6(c) != metrics6(a)  # the seed matters: the test can fail

SEEDED = textwrap.dedent('''
    import json, sys
    from plmnb.data import load_data, sample
    from plmnb.train import finetune
    model, n = sys.argv[1], int(sys.argv[2])
    texts = ['a wonderful, moving film', 'dull and far too long', 'I would watch it again', 'a waste of an evening'] * 8
    data = load_data({'text': texts, 'label': ['pos', 'neg', 'pos', 'neg'] * 8}, 'text-classification', seed=0) if n == 0 else \\
           load_data(sample('sentiment').train.select(range(n)).to_pandas(), 'text-classification', seed=0)
    run = finetune(model, data, epochs=1, batch_size=8, progress='none', seed=3, examples=0)
    print('METRICS', json.dumps({k: round(v, 6) for k, v in run.metrics.items() if k.startswith('eval_') and not k.endswith(('runtime', 'per_second'))}))
''')

def run_seeded(tmp_path, model, n):
    script = tmp_path/'seeded.py'; script.write_text(SEEDED)
    r = subprocess.run([sys.executable, str(script), model, str(n)], capture_output=True, text=True, timeout=900,
                       env={**os.environ, 'OMP_NUM_THREADS': '1'})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.split('METRICS', 1)[1])

def test_same_seed_same_result_in_two_processes(tmp_path):
    a, b = run_seeded(tmp_path, 'tiny-bert', 0), run_seeded(tmp_path, 'tiny-bert', 0)
    assert a == b and 'eval_accuracy' in a

@pytest.mark.slow
def test_default_model_same_seed_same_result(tmp_path):
    a, b = run_seeded(tmp_path, 'all-MiniLM-L6-v2', 160), run_seeded(tmp_path, 'all-MiniLM-L6-v2', 160)
    assert a == b
    data = load_data(sample('sentiment').train.select(range(160)).to_pandas(), 'text-classification', seed=0)
    here = finetune('all-MiniLM-L6-v2', data, epochs=1, batch_size=8, progress='none', seed=3, examples=0)
    assert metrics6(here) == a  # and the same in this process

# --- batches ---

def varied_data():
    "Texts from one word to a paragraph: random batches would be mostly padding."
    texts = [' '.join(['great'] * 2) if i % 8 else ' '.join(['a long and rambling review of the film'] * 12) for i in range(48)]
    return load_data({'text': texts, 'label': ['pos', 'neg'] * 24}, 'text-classification', seed=0)

def sampler_for(data):
    from plmnb.data import prepare
    from transformers import TrainingArguments
    loaded = tiny(data)
    p = prepare(loaded, data)
    with tempfile.TemporaryDirectory() as d:
        tr = PlmnbTrainer(model=loaded.model, args=TrainingArguments(d, per_device_train_batch_size=8, report_to='none', use_cpu=True),
                          train_dataset=p.train, data_collator=p.collator)
        return tr._get_train_sampler(), p

def test_trainer_uses_length_buckets_where_they_pay():
    s, p = sampler_for(varied_data())
    assert isinstance(s, LengthBuckets) and sorted(s) == list(range(len(p.train)))

def test_trainer_keeps_random_order_where_padding_is_small(data):
    s, p = sampler_for(data)  # texts of about the same length: nothing to save, accuracy to lose
    assert not isinstance(s, LengthBuckets) and sorted(s) == list(range(len(p.train)))

def test_training_draws_batches_from_length_buckets(monkeypatch):
    seen = []
    real = LengthBuckets.__iter__
    monkeypatch.setattr(LengthBuckets, '__iter__', lambda self: seen.append(len(self)) or real(self))
    data = varied_data()
    run = finetune('tiny-bert', data, epochs=2, batch_size=8, progress='none', examples=0)
    assert seen == [len(data.train)] * 2  # one new order per epoch, over every training row

def test_length_buckets_keep_a_short_batch_last():
    lengths = [5, 1, 9, 3, 7, 2, 8, 4, 6, 0]
    for seed in range(5):
        order = list(LengthBuckets(lengths, batch_size=4, chunk=2, seed=seed))
        assert sorted(order) == list(range(10))
        batches = [order[i:i + 4] for i in range(0, 10, 4)]  # what the DataLoader cuts
        assert [len(b) for b in batches] == [4, 4, 2]         # the short batch stays last
        assert all([lengths[i] for i in b] == sorted((lengths[i] for i in b), reverse=True) for b in batches)

# --- optimizer steps ---

def test_eval_and_warmup_count_optimizer_steps_with_accumulation():
    d = load_data({'text': TEXTS * 4, 'label': LABELS * 4}, 'text-classification', seed=0)
    run = finetune('tiny-bert', d, epochs=1, batch_size=4, progress='none', examples=0, gradient_accumulation_steps=2)
    batches = math.ceil(len(d.train) / 4)
    steps = math.ceil(batches / 2)
    s = run.settings
    assert (s['optimizer_steps'], s['gradient_accumulation']) == (steps, 2)
    assert s['warmup_steps'] == math.ceil(0.1 * steps)
    assert s['eval_every'] == math.ceil(steps / 8)
    evals = run.history.dropna(subset=['eval_loss'])['step'].tolist()
    assert evals[:3] == [s['eval_every'] * k for k in (1, 2, 3)] and 7 <= len(evals) <= 9

# --- stopping keeps everything ---

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

def poison(model):
    with torch.no_grad(): model.bert.embeddings.word_embeddings.weight.fill_(float('nan'))

def test_nan_eval_loss_restores_last_weights_with_finite_train_and_eval_loss(data):
    ld, good = tiny(data), {}
    # evaluated at every step: step 2's weights give a finite eval loss, then step 3's train loss is finite too;
    # after step 3 they are poisoned, so step 3's evaluation is NaN first
    run = finetune(ld, data, epochs=5, batch_size=8, eval_every=1, progress='none',
                   callbacks=[At(2, lambda m: good.update(snapshot(m))), At(3, poison)])
    assert run.stop == 'nan' and run.metrics['stop'] == 'nan' and run.metrics['restored_step'] == 2
    assert run.history['step'].max() == 3
    assert same_weights(run.model, good) and all(torch.isfinite(p).all() for p in run.model.parameters())
    assert math.isfinite(run.metrics['eval_loss']) and 'step 2' in run.note

def test_nan_train_loss_with_no_good_state_says_so(data):
    ld = tiny(data); before = snapshot(ld.model)
    run = finetune(ld, data, epochs=5, batch_size=8, eval_every=100, progress='none', callbacks=[At(2, poison)])
    assert run.stop == 'nan' and run.metrics['restored_step'] == 0
    assert 'before training' in run.note and same_weights(run.model, before)

# --- bad input ---

def test_bad_input(data):
    with pytest.raises(UnsupportedTaskError, match='finetune trains'): finetune('tiny-bert', {'text': TEXTS}, task='feature-extraction')
    with pytest.raises(BadArgumentError, match='epochs=0'): finetune('tiny-bert', data, epochs=0)
    with pytest.raises(BadArgumentError, match='batch_size=0'): finetune('tiny-bert', data, batch_size=0)
    with pytest.raises(BadArgumentError, match='TrainingArguments'): finetune('tiny-bert', data, progress='none', no_such_option=1)
    with pytest.raises(BadArgumentError, match="task="): finetune('tiny-bert', {'text': TEXTS, 'label': LABELS})
    with pytest.raises(DataError): finetune('tiny-bert', {'sentence': TEXTS, 'label': LABELS[:-1]}, task='text-classification')

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

# --- token classification, every scheme ---

@pytest.mark.parametrize('tags', [
    [['B-PER', 'I-PER', 'O', 'B-LOC', 'O'], ['O', 'B-ORG', 'O', 'O', 'B-LOC', 'O']],   # IOB2
    [['B-PER', 'E-PER', 'O', 'S-LOC', 'O'], ['O', 'S-ORG', 'O', 'O', 'S-LOC', 'O']],   # IOBES
    [['B-PER', 'L-PER', 'O', 'U-LOC', 'O'], ['O', 'U-ORG', 'O', 'O', 'U-LOC', 'O']]])  # BILOU
def test_tagging_every_scheme(tags):
    words = [['Ada', 'Lovelace', 'visited', 'Paris', '.'], ['The', 'UN', 'met', 'in', 'Geneva', '.']]
    ner = load_data({'tokens': words * 8, 'tags': tags * 8}, 'token-classification', seed=0)
    run = finetune('tiny-bert', ner, epochs=8, batch_size=4, lr=3e-3, progress='none', examples=0)
    assert run.metrics['eval_f1'] > 0.5, run.metrics  # entities of every scheme are read (S-/U- singles included)

def test_unprefixed_tags_are_refused():
    ner = load_data({'tokens': [['Ada', 'met', 'Bob']] * 8, 'tags': [['PER', 'O', 'PER']] * 8}, 'token-classification', seed=0)
    with pytest.raises(DataError, match='prefixes.*labels='): finetune('tiny-bert', ner)

# --- generation and question answering ---

def test_seq2seq_and_qa_finetune():
    from plmnb.train import _parts
    from plmnb.data import prepare
    s = sample('summaries')
    summ = load_data({'train': s.train.select(range(24)), 'validation': s.validation.select(range(4))}, 'summarization')
    run = finetune('tiny-bart', summ, epochs=1, batch_size=8, progress='none')
    assert math.isfinite(run.metrics['eval_loss']) and 'eval_rouge1' in run.metrics and run.loaded.trained['task'] == 'summarization'
    rows = _parts(run.loaded, summ, prepare(run.loaded, summ), 2).examples(run.model)
    assert rows and rows[0]['true'] == summ.validation[0]['target']  # generated text against its reference
    q = sample('qa')
    qa = load_data({'train': q.train.select(range(24)), 'validation': q.validation.select(range(6))}, 'question-answering')
    run = finetune('tiny-bert', qa, epochs=1, batch_size=8, progress='none')
    assert {'eval_exact_match', 'eval_f1'} <= set(run.metrics)

def test_pretrain_denoising_t5_reports_its_baseline():
    run = pretrain(sample('corpus'), 't5', 'tiny', epochs=0.05, block_size=64, progress='none')
    assert run.task == 'text2text-generation' and 0 < run.metrics['baseline_token_accuracy'] < 1
    assert 0 <= run.metrics['eval_token_accuracy'] <= 1 and run.loaded.trained['kind'] == 'pretrained'

# --- several processes ---

SCRIPT = textwrap.dedent('''
    import sys
    from plmnb.data import load_data
    from plmnb.train import finetune
    texts = ['a wonderful, moving film', 'dull and far too long', 'I would watch it again', 'a waste of an evening'] * 16
    data = load_data({'text': texts, 'label': ['pos', 'neg', 'pos', 'neg'] * 16}, 'text-classification', seed=0)
    run = finetune('tiny-bert', data, epochs=2, batch_size=4, progress='terminal')
    run.save(sys.argv[1])
    import torch.distributed as dist
    print('RANK', dist.get_rank(), 'WORLD', dist.get_world_size(), 'STEPS', int(run.history['step'].max()),
          'EVERY', run.settings['eval_every'], 'OPT', run.settings['optimizer_steps'], 'ROWS', run.settings['train_rows'], flush=True)
''')

def test_two_process_cpu_run(tmp_path):
    "torchrun with 2 CPU processes (gloo): trains, one progress view, one saved Run, eval cadence in optimizer steps."
    script = tmp_path/'ddp.py'; script.write_text(SCRIPT)
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    r = subprocess.run([sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_port', '29533',
                        str(script), str(tmp_path/'run')], capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    out = r.stdout
    assert 'RANK 0 WORLD 2' in out and 'RANK 1 WORLD 2' in out
    lines = [l.split() for l in out.splitlines() if l.startswith('RANK')]
    # each process takes half the train rows in batches of 4: the data was split between the processes
    rows = int(lines[0][11]); steps = 2 * math.ceil(math.ceil(rows / 2) / 4)
    assert steps < 2 * math.ceil(rows / 4)
    assert {l[5] for l in lines} == {str(steps)} and {l[9] for l in lines} == {str(steps)}, out
    assert {l[7] for l in lines} == {str(math.ceil(steps / 8))}  # 8 evaluations, counted in optimizer steps
    assert out.count('done in') == 1
    evals = [l for l in out.splitlines() if l.startswith('eval @ step')]
    assert evals and len(evals) == len(set(evals))
    back = Run.load(tmp_path/'run')
    assert back.loaded.labels == ['neg', 'pos'] and len(back.history) > 0 and back.settings['processes'] == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith('.')]  # no half-written copies

@pytest.mark.slow
def test_default_model_learns_sentiment():
    run = finetune('all-MiniLM-L6-v2', sample('sentiment'), epochs=2, progress='none')
    assert run.metrics['eval_accuracy'] >= 0.75, run.metrics

def test_resume_from_checkpoint(data, tmp_path):
    "A run with output_dir keeps checkpoints; finetune(resume=True) continues from the last one."
    first = finetune(tiny(data), data, epochs=1, batch_size=8, eval_every=2, progress='none', output_dir=tmp_path/'ckpt')
    ckpts = sorted(p.name for p in (tmp_path/'ckpt').glob('checkpoint-*'))
    assert ckpts, 'no checkpoint written'
    last = int(first.history['step'].max())
    second = finetune(tiny(data), data, epochs=2, batch_size=8, eval_every=2, progress='none', output_dir=tmp_path/'ckpt', resume=True)
    steps = second.history['step'].dropna()
    assert steps.min() > last - 1 and steps.max() == 2 * last  # only the second epoch was trained

@pytest.mark.slow
def test_pretrained_tiny_gpt2_beats_unigram():
    "A tiny GPT-2 pretrained from random weights on the shipped corpus predicts better than token frequencies."
    from plmnb.train import unigram_perplexity
    corpus = sample('corpus')
    run = pretrain(corpus, 'gpt2', 'tiny', epochs=4, progress='none')
    base = unigram_perplexity(run.loaded, corpus)
    assert run.metrics['eval_perplexity'] < 0.7 * base, (run.metrics['eval_perplexity'], base)
    assert run.loaded.info.id == 'gpt2-tiny-pretrained'

# --- the model card and the Hub ---

@pytest.fixture(scope='module')
def small_run():
    d = load_data({'text': TEXTS, 'label': LABELS}, 'text-classification', seed=0)
    return finetune('tiny-bert', d, epochs=1, batch_size=8, progress='none', examples=0)

def test_saved_run_has_a_model_card(small_run, tmp_path):
    from huggingface_hub import ModelCard
    folder = small_run.save(tmp_path/'run')
    card = ModelCard.load(folder/'README.md')
    assert card.data.pipeline_tag == 'text-classification' and card.data.labels == ['neg', 'pos'] and 'plmnb' in card.data.tags
    assert '![loss curve](loss.png)' in card.text and (folder/'loss.png').read_bytes()[:4] == b'\x89PNG'
    assert 'eval_accuracy' in card.text and 'train_rows' in card.text
    assert (folder.stat().st_mode & 0o777) == 0o777 & ~_umask()

def _umask():
    m = os.umask(0); os.umask(m); return m

def test_push_to_hub_sends_everything(small_run, monkeypatch):
    from huggingface_hub import HfApi
    monkeypatch.delenv('HF_HUB_OFFLINE', raising=False); monkeypatch.delenv('TRANSFORMERS_OFFLINE', raising=False)
    monkeypatch.delenv('HF_DATASETS_OFFLINE', raising=False); monkeypatch.delenv('PLMNB_OFFLINE', raising=False)
    calls = {}
    def create_repo(self, repo_id, private=False, exist_ok=False, repo_type=None, **kw):
        calls['create'] = (repo_id, private, exist_ok, repo_type); return f'https://hf.example/{repo_id}'
    def upload_folder(self, repo_id, folder_path, repo_type=None, commit_message=None, **kw):
        calls['files'] = sorted(p.name for p in Path(folder_path).iterdir()); calls['repo'] = repo_id
        calls['card'] = (Path(folder_path)/'README.md').read_text()
    monkeypatch.setattr(HfApi, 'create_repo', create_repo); monkeypatch.setattr(HfApi, 'upload_folder', upload_folder)
    url = small_run.push_to_hub('me/tiny-sentiment', private=True)
    assert url.endswith('me/tiny-sentiment') and calls['create'] == ('me/tiny-sentiment', True, True, 'model')
    assert {'model.safetensors', 'config.json', 'tokenizer.json', 'README.md', 'history.csv', 'report.html', 'loss.png', 'run.json'} <= set(calls['files'])
    assert 'pipeline_tag: text-classification' in calls['card']

def test_push_to_hub_offline_is_clear(small_run):
    with pytest.raises(OfflineError, match="me/x.*offline"): small_run.push_to_hub('me/x')
