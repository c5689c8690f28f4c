"""Faults and bad input around training and saving (issue 13): each case asserts the error type, that the message names
the culprit (file, folder, value) and the fix, and that nothing was lost (files still there, Run returned, previous
save loadable)."""
import errno, json, os, shutil, signal, subprocess, sys, textwrap
from pathlib import Path
import pandas as pd, pytest, torch
from plmnb.core import BadArgumentError, BadModelError, DataError, ModelNotFoundError, OfflineError, PlmnbError
from plmnb.data import load_data
from plmnb.train import finetune, pretrain, Run, SaveError

TEXTS = ['a wonderful, moving film', 'dull and far too long', 'I would watch it again', 'a waste of an evening'] * 8
LABELS = ['pos', 'neg', 'pos', 'neg'] * 8

def enospc(*a, **k): raise OSError(errno.ENOSPC, 'No space left on device')

@pytest.fixture(scope='module')
def data(): return load_data({'text': TEXTS, 'label': LABELS}, 'text-classification', seed=0)

@pytest.fixture(scope='module')
def run(data): return finetune('tiny-bert', data, epochs=1, batch_size=8, progress='none', examples=0)

@pytest.fixture(scope='module')
def saved(run, tmp_path_factory):
    "A good saved run, never modified (tests copy it)."
    return run.save(tmp_path_factory.mktemp('saved')/'run')

def loadable(path, note=None):
    back = Run.load(path)
    assert back.loaded.labels == ['neg', 'pos'] and len(back.history) > 0
    return back

def hidden(folder): return sorted(p.name for p in Path(folder).iterdir() if p.name.startswith('.'))

# --- Run.load of a damaged folder: a clear error naming the file ---

def bad_json(p): (p/'run.json').write_text('{"task": "text-classification", "metrics": ')
def no_task(p): m = json.loads((p/'run.json').read_text()); m.pop('task'); (p/'run.json').write_text(json.dumps(m))
def json_list(p): (p/'run.json').write_text('[1, 2]')
def no_weights(p): (p/'model.safetensors').unlink()
def no_tokenizer(p): (p/'tokenizer_config.json').unlink()
def no_history(p): (p/'history.csv').unlink()
def no_config(p): (p/'config.json').unlink()
def not_a_run(p): (p/'run.json').unlink()

@pytest.mark.parametrize('damage,err,culprit', [
    (bad_json, BadModelError, r'run\.json is damaged: not valid JSON \(line 1, column \d+'),
    (no_task, BadModelError, r"run\.json has no 'task'"),
    (json_list, BadModelError, r"run\.json has no 'task'"),
    (no_weights, BadModelError, r'no model weights \(model\.safetensors\)'),
    (no_tokenizer, BadModelError, r'tokenizer_config\.json is missing \(the tokenizer\)'),
    (no_history, BadModelError, r'history\.csv is missing'),
    (no_config, BadModelError, r'config\.json is missing'),
    (not_a_run, ModelNotFoundError, r'not a saved run \(no run\.json\)'),
], ids=lambda x: getattr(x, '__name__', None))
def test_load_damaged_run(saved, tmp_path, damage, err, culprit):
    p = Path(shutil.copytree(saved, tmp_path/'run'))
    damage(p)
    files = sorted(os.listdir(p))
    with pytest.raises(err, match=culprit) as e: Run.load(p)
    assert str(p) in str(e.value)  # the folder is named
    assert sorted(os.listdir(p)) == files  # loading changed nothing

# --- Run.save refuses to replace what is not a run ---

def a_file(p): p.write_text('my notes'); return lambda: p.read_text() == 'my notes'
def a_folder(p):
    p.mkdir(); (p/'thesis.tex').write_text('x'); (p/'figures').mkdir()
    return lambda: (p/'thesis.tex').read_text() == 'x' and (p/'figures').is_dir()

@pytest.mark.parametrize('make,culprit', [(a_file, 'is a file'), (a_folder, r'holds other files \(figures, thesis\.tex\)')],
                         ids=['file', 'foreign-folder'])
def test_save_refuses_to_replace(run, tmp_path, make, culprit):
    target = tmp_path/'target'
    intact = make(target)
    with pytest.raises(SaveError, match=culprit + '.*overwrite=True') as e: run.save(target)
    assert str(target) in str(e.value) and intact() and not hidden(tmp_path)
    run.save(target, overwrite=True)  # asked for: replaced
    loadable(target)

# --- a failure while saving: SaveError, the previous save intact, no leftovers ---

def full_weights(mp):
    import transformers.modeling_utils as mu; mp.setattr(mu, 'safe_save_file', enospc)
def full_history(mp): mp.setattr(pd.DataFrame, 'to_csv', enospc)
def full_card(mp): mp.setattr(Run, 'card', lambda self: (_ for _ in ()).throw(OSError(errno.ENOSPC, 'No space left on device')))

@pytest.mark.parametrize('fault', [full_weights, full_history, full_card], ids=lambda f: f.__name__)
def test_save_fault_keeps_previous_save(run, saved, tmp_path, monkeypatch, fault):
    target = Path(shutil.copytree(saved, tmp_path/'run'))
    before = (target/'run.json').read_text()
    fault(monkeypatch)
    with pytest.raises(SaveError, match=r"Could not save the run to '.*run'.*No space left") as e: run.save(target)
    assert 'still in memory' in str(e.value)
    monkeypatch.undo()
    assert (target/'run.json').read_text() == before and not hidden(tmp_path)
    loadable(target)

def test_save_where_nothing_can_be_written(run, tmp_path, monkeypatch):
    monkeypatch.setattr(Path, 'mkdir', lambda *a, **k: (_ for _ in ()).throw(PermissionError(errno.EACCES, 'Permission denied')))
    with pytest.raises(SaveError, match=r"Cannot write in '.*'.*Permission denied.*folder you can write to"): run.save(tmp_path/'new'/'run')

@pytest.mark.parametrize('umask', [0o022, 0o027])
def test_saved_folders_follow_the_umask(run, tmp_path, umask):
    old = os.umask(umask)
    try: p = run.save(tmp_path/'run')
    finally: os.umask(old)
    assert p.stat().st_mode & 0o777 == 0o777 & ~umask
    assert (p/'config.json').stat().st_mode & 0o777 == 0o666 & ~umask

# --- kill -9 during a save, at several moments: the run stays loadable, leftovers go at the next save ---

KILL = textwrap.dedent('''
    import os, shutil, signal, sys
    from plmnb.train import Run
    src, dst, point = sys.argv[1:4]
    run = Run.load(src); run.note = 'second save'
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    if point == 'writing': run.loaded.tokenizer.save_pretrained = die
    replace, rmtree = os.replace, shutil.rmtree
    def rep(a, b):
        if (point == 'first-rename' and 'plmnb-old' in str(b)) or (point == 'between-renames' and 'plmnb-tmp' in str(a)): die()
        return replace(a, b)
    def rm(p, *a, **k):
        if point == 'cleanup' and 'plmnb-old' in str(p): die()
        return rmtree(p, *a, **k)
    os.replace, shutil.rmtree = rep, rm
    run.save(dst)
    print('SAVED', flush=True)
''')

@pytest.mark.parametrize('point,expect', [('writing', None), ('first-rename', None), ('between-renames', None), ('cleanup', 'second save')])
def test_killed_save_leaves_a_loadable_run(run, saved, tmp_path, point, expect):
    target = Path(shutil.copytree(saved, tmp_path/'run'))
    script = tmp_path/'kill.py'; script.write_text(KILL)
    r = subprocess.run([sys.executable, str(script), str(saved), str(target), point], capture_output=True, text=True, timeout=300,
                       env={**os.environ, 'OMP_NUM_THREADS': '1'})
    assert r.returncode == -signal.SIGKILL and 'SAVED' not in r.stdout, r.stderr[-2000:]
    assert hidden(tmp_path)  # the kill left something behind...
    back = loadable(target)  # ...yet the run loads: the previous save, or the new one when only the cleanup was cut
    assert back.note == expect
    run.save(target)  # the next save cleans up
    assert not hidden(tmp_path) and loadable(target).note == run.note

# --- training faults: the Run and its history come back ---

def test_checkpoint_on_a_full_disk_returns_the_run(data, tmp_path, monkeypatch, capsys):
    real = torch.save
    def save(obj, f, *a, **k):
        if 'optimizer' in str(f): enospc()
        return real(obj, f, *a, **k)
    monkeypatch.setattr(torch, 'save', save)
    run = finetune('tiny-bert', data, epochs=2, batch_size=8, eval_every=2, progress='none', examples=0, output_dir=tmp_path/'out')
    assert run.stop == 'save-failed' and 'checkpoint-2' in run.note and 'No space left' in run.note and 'output_dir' in run.note
    assert 'checkpoint-2' in capsys.readouterr().err  # said at once, too
    assert run.history['step'].max() == 2 and run.loaded.trained['steps'] == 2 and 'eval_accuracy' in run.metrics
    assert not (tmp_path/'out'/'checkpoint-2').exists()  # no broken checkpoint for resume to trip on

def test_resume_skips_an_incomplete_checkpoint(data, tmp_path, capsys):
    out = tmp_path/'out'
    finetune('tiny-bert', data, epochs=1, batch_size=8, eval_every=2, progress='none', examples=0, output_dir=out)
    good = max(int(p.name.split('-')[1]) for p in out.glob('checkpoint-*'))
    broken = out/'checkpoint-99'; broken.mkdir(); (broken/'model.safetensors').write_bytes(b'\0' * 10)  # cut short: no trainer_state.json
    run = finetune('tiny-bert', data, epochs=2, batch_size=8, eval_every=2, progress='none', examples=0, output_dir=out, resume=True)
    err = capsys.readouterr().out
    assert 'skipping' in err and 'checkpoint-99' in err and 'incomplete' in err
    assert run.history['step'].min() > good  # resumed from the newest complete checkpoint

@pytest.mark.parametrize('kw,err,culprit', [
    (dict(resume=True), BadArgumentError, r'resume=True.*no output_dir was given.*output_dir='),
    (dict(resume='nowhere/checkpoint-3'), SaveError, r"resume='nowhere/checkpoint-3' is not a complete checkpoint"),
    (dict(epochs=-1), BadArgumentError, r'epochs=-1'),
    (dict(batch_size=2.5), BadArgumentError, r'batch_size=2\.5'),
    (dict(labels=['a', 'b', 'c']), BadArgumentError, r'already have names'),
], ids=['resume-without-output_dir', 'resume-bad-folder', 'negative-epochs', 'fractional-batch', 'names-for-string-labels'])
def test_bad_training_arguments(data, kw, err, culprit):
    with pytest.raises(err, match=culprit): finetune('tiny-bert', data, progress='none', **kw)

def test_nan_run_returns_a_finite_model(data):
    run = finetune('tiny-bert', data, epochs=3, batch_size=8, lr=1e9, eval_every=1, progress='none', examples=0)
    assert run.stop == 'nan' and run.metrics['stop'] == 'nan' and ('put back' in run.note or 'before training' in run.note)
    assert all(torch.isfinite(p).all() for p in run.model.parameters())

def test_head_that_disagrees_with_the_data(data, capsys):
    from plmnb.models import load
    other = load('tiny-bert', 'text-classification', labels=['sports', 'politics', 'science'], quiet=True)
    before = {k: v.clone() for k, v in other.model.state_dict().items()}
    run = finetune(other, data, epochs=0.5, batch_size=8, progress='none', examples=0)
    assert run.loaded.labels == ['neg', 'pos']
    assert "new text-classification head for ['neg', 'pos']" in capsys.readouterr().out  # one notice, naming the labels
    assert other.labels == ['sports', 'politics', 'science'] and all(torch.equal(other.model.state_dict()[k], v) for k, v in before.items())

@pytest.mark.parametrize('tags,culprit', [([[1, 0, 1]] * 8, r'numbers \(\[0, 1\]\) without names.*labels='),
                                          ([['PER', 'O', 'PER']] * 8, r"no B-/I-.*prefixes \['O', 'PER'\].*labels=")],
                         ids=['integer-tags', 'tags-without-prefixes'])
def test_tags_entity_scores_cannot_read(tags, culprit):
    with pytest.raises(DataError, match=culprit):
        finetune('tiny-bert', {'tokens': [['Ada', 'met', 'Bob']] * 8, 'tags': tags}, task='token-classification')

def test_report_on_a_full_disk_keeps_the_old_report(run, tmp_path, monkeypatch):
    page = tmp_path/'report.html'; page.write_text('old report')
    real = Path.write_text
    monkeypatch.setattr(Path, 'write_text', lambda self, *a, **k: enospc() if 'plmnb-tmp' in self.name else real(self, *a, **k))
    with pytest.raises(SaveError, match=r"Could not write '.*report\.html'.*No space left"): run.report(page)
    assert page.read_text() == 'old report' and not hidden(tmp_path)

def test_pretrain_takes_one_string_as_text():
    text = 'A language model reads a long text. It predicts the next word. Then it reads more of it. ' * 30
    run = pretrain(text, 'gpt2', 'tiny', epochs=0.5, block_size=32, progress='none')
    assert run.loaded.trained['steps'] > 0
    with pytest.raises(Exception, match='no/such/corpus.txt'): pretrain('no/such/corpus.txt', 'gpt2', progress='none')

def test_push_offline_and_refused(run, monkeypatch):
    with pytest.raises(OfflineError, match=r"'me/x'.*offline.*run\.save"): run.push_to_hub('me/x')
    for v in ('HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE', 'HF_DATASETS_OFFLINE', 'PLMNB_OFFLINE'): monkeypatch.delenv(v, raising=False)
    from huggingface_hub import HfApi
    class Refused(Exception): pass
    monkeypatch.setattr(HfApi, 'create_repo', lambda self, *a, **k: (_ for _ in ()).throw(Refused('401 Unauthorized')))
    with pytest.raises(SaveError, match=r"refused the push to 'me/x'.*401.*token"): run.push_to_hub('me/x')
    class ConnectError(Exception): pass
    monkeypatch.setattr(HfApi, 'create_repo', lambda self, *a, **k: (_ for _ in ()).throw(ConnectError('no route')))
    with pytest.raises(OfflineError, match=r"Cannot reach the Hub.*'me/x'"): run.push_to_hub('me/x')

# --- masked LM and adaptation on input the model cannot read, or with nothing to train ---
ZH = ['这部电影很好看，演员们都很出色。', '这家酒店一点也不让人失望，阳台上的风景美极了。'] * 16

@pytest.mark.parametrize('call,err,culprit', [
    (lambda: finetune('tiny-bert', ZH, task='fill-mask', epochs=1, progress='none'), DataError,
     r"(?s)\d+% of the training text is unknown to tiny-bert's tokenizer.*extend_vocab=2000"),
    (lambda: __import__('plmnb.adapt', fromlist=['adapt']).adapt('tiny-bert', ZH, epochs=1, progress='none'), DataError,
     r"(?s)unknown to tiny-bert.*extend_vocab=2000"),
    (lambda: __import__('plmnb.adapt', fromlist=['adapt']).adapt('tiny-bert', TEXTS, freeze_body=True, epochs=1, progress='none'),
     BadArgumentError, r"freeze_body=True.*neither.*extend_vocab=N, or freeze_body=False"),
], ids=['finetune-fill-mask-unreadable', 'adapt-unreadable', 'adapt-nothing-new-to-train'])
def test_masked_lm_with_nothing_to_learn(call, err, culprit):
    "Before: the unreadable text trained on nothing and stopped on a NaN loss with advice about the learning rate."
    with pytest.raises(err, match=culprit): call()
