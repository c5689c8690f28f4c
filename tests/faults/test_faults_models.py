"""Bad model folders and files: each ends in a `PlmnbError` subclass whose message names the culprit (the folder or the
file) and the fix, never in a silently wrong model; and nothing of the user's is changed or lost."""
import hashlib, json, os, shutil, sys
from pathlib import Path
import pytest
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for helpers
from helpers import custom_model_folder
from plmnb.core import PlmnbError, BadModelError, ModelNotFoundError
from plmnb.models import load, find_models, model_info, tiny_model

def snapshot(folder:Path)->dict:
    "Every file under `folder` (relative path -> sha1), to check that nothing was changed or lost."
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.rglob('*')) if p.is_file()}

def model_copy(tmp_path, name='tiny-bert', dest='my-model')->Path:
    d = tmp_path/dest
    shutil.copytree(tiny_model(name), d)
    return d

# --- each damage: (id, tiny model to copy, what to do to the folder, culprit to name (a file or '' = the folder), the fix)
def _no_tokenizer(d):
    for f in d.iterdir():
        if f.name.startswith(('tokenizer', 'vocab', 'merges', 'special_tokens', 'spiece')): f.unlink()

def _truncate(name, keep=0.5):
    def f(d):
        b = (d/name).read_bytes(); (d/name).write_bytes(b[:int(len(b) * keep)])
    return f

def _write(name, data):
    def f(d): (d/name).write_bytes(data if isinstance(data, bytes) else data.encode())
    return f

def _drop_key(key):
    def f(d):
        cfg = json.loads((d/'config.json').read_text()); cfg.pop(key); (d/'config.json').write_text(json.dumps(cfg))
    return f

def _shard_index_to_missing(d):
    (d/'model.safetensors').rename(d/'model-00001-of-00002.safetensors')
    (d/'model.safetensors.index.json').write_text(json.dumps({'weight_map': {'a': 'model-00001-of-00002.safetensors',
                                                                             'b': 'model-00002-of-00002.safetensors'}}))

def _no_weights(d): (d/'model.safetensors').unlink()

def _wrong_shapes(d):
    cfg = json.loads((d/'config.json').read_text()); cfg['hidden_size'] = 128; cfg['intermediate_size'] = 256
    (d/'config.json').write_text(json.dumps(cfg))

DAMAGE = [
    ('no-tokenizer-bert', 'tiny-bert', _no_tokenizer, '', 'tokenizer.save_pretrained'),
    ('no-tokenizer-gpt2', 'tiny-gpt2', _no_tokenizer, '', 'tokenizer.save_pretrained'),
    ('no-tokenizer-t5', 'tiny-t5', _no_tokenizer, '', 'tokenizer.save_pretrained'),
    ('safetensors-truncated', 'tiny-bert', _truncate('model.safetensors'), 'model.safetensors', 're-download'),
    ('safetensors-one-byte-short', 'tiny-bert', _truncate('model.safetensors', 0.9999), 'model.safetensors', 're-download'),
    ('safetensors-garbage', 'tiny-bert', _write('model.safetensors', b'\xff' * 64), 'model.safetensors', 're-download'),
    ('safetensors-empty', 'tiny-bert', _write('model.safetensors', b''), 'model.safetensors', 're-download'),
    ('shard-missing', 'tiny-bert', _shard_index_to_missing, 'model-00002-of-00002.safetensors', 're-download'),
    ('shard-index-corrupt', 'tiny-bert', _write('model.safetensors.index.json', '{"weight_map": '), 'model.safetensors.index.json', 're-download'),
    ('config-truncated', 'tiny-bert', _truncate('config.json'), 'config.json', 'Re-save'),
    ('config-empty', 'tiny-bert', _write('config.json', ''), 'config.json', 'Re-save'),
    ('config-not-utf8', 'tiny-bert', _write('config.json', '{"model_type": "b\xe9rt"}'.encode('latin-1')), 'config.json', 'Re-save'),
    ('config-a-list', 'tiny-bert', _write('config.json', '[1, 2]'), 'config.json', 'model_type'),
    ('config-no-model-type', 'tiny-bert', _drop_key('model_type'), 'config.json', '"model_type": "bert"'),
    ('config-no-file', 'tiny-bert', lambda d: (d/'config.json').unlink(), '', 'save_pretrained'),
    ('no-weights', 'tiny-bert', _no_weights, '', 'model.save_pretrained(folder)'),
    ('weights-wrong-shape', 'tiny-bert', _wrong_shapes, '', 'config.json that was saved with these weights'),
    ('tokenizer-json-corrupt', 'tiny-gpt2', _write('tokenizer.json', '{"version": "1.0", "model": '), '', 'tokenizer.save_pretrained'),
]

@pytest.mark.parametrize('case,name,damage,culprit,fix', DAMAGE, ids=[c[0] for c in DAMAGE])
def test_damaged_folder(tmp_path, case, name, damage, culprit, fix):
    d = model_copy(tmp_path, name)
    damage(d)
    before = snapshot(d)
    task = 'summarization' if name == 'tiny-t5' else 'feature-extraction'
    with pytest.raises(BadModelError) as e: load(str(d), task, quiet=True)
    msg = str(e.value)
    assert str(d/culprit) in msg if culprit else str(d) in msg, msg
    assert fix in msg, msg
    assert snapshot(d) == before  # nothing of the user's changed or lost
    # listing never fails because of it: the others are still listed (one whose config or header is broken is skipped)
    good = model_copy(tmp_path, 'tiny-gpt2', 'good')
    ids = [m.id for m in find_models(folders=[tmp_path], sources=['folder'])]
    assert str(good) in ids
    if culprit.endswith(('.safetensors', 'config.json', '.index.json')): assert str(d) not in ids  # seen from its files

# --- leftovers of killed saves: never listed, never loaded ------------------------------------------------------------
LEFTOVERS = ['.model-k3j2x9', '.model.old-4242', '.cache', '.ipynb_checkpoints']

@pytest.mark.parametrize('hidden', LEFTOVERS)
def test_hidden_leftovers_are_never_listed_nor_loaded(tmp_path, hidden):
    real = model_copy(tmp_path, 'tiny-bert', 'model')
    left = model_copy(tmp_path, 'tiny-bert', hidden)
    before = snapshot(tmp_path)
    assert [m.id for m in find_models(folders=[tmp_path], sources=['folder'])] == [str(real)]
    assert find_models(folders=[left], sources=['folder']) == []
    with pytest.raises(BadModelError) as e: load(str(left), quiet=True)
    msg = str(e.value)
    assert str(left) in msg and 'hidden folder' in msg and 'Load the folder the model was saved to' in msg
    assert load(str(real)).info.path == str(real)
    assert snapshot(tmp_path) == before

# --- custom architectures (auto_map + code beside config.json) --------------------------------------------------------
def test_custom_code_needs_consent_and_names_its_files(tmp_path, monkeypatch):
    marker = tmp_path/'code-ran'
    monkeypatch.setenv('PLMNB_TOY_MARKER', str(marker))
    d = custom_model_folder(tmp_path/'toy', tiny_model('tiny-bert'))
    before = snapshot(d)
    assert [m.family for m in find_models(folders=[d], sources=['folder'])] == ['plmnb-toy']  # listed, from its files
    with pytest.raises(BadModelError) as e: load(str(d), quiet=True)
    msg = str(e.value)
    assert 'trust_remote_code=True' in msg and 'toy.py' in msg and str(d) in msg, msg
    assert not marker.exists()  # its code never ran
    assert snapshot(d) == before

def test_custom_code_loads_with_consent(tmp_path, monkeypatch):
    marker = tmp_path/'code-ran'
    monkeypatch.setenv('PLMNB_TOY_MARKER', str(marker))
    d = custom_model_folder(tmp_path/'toy2', tiny_model('tiny-bert'))
    ld = load(str(d), trust_remote_code=True, quiet=True)
    assert type(ld.model).__name__ == 'ToyModel' and ld.info.family == 'plmnb-toy' and marker.exists()

def test_custom_code_task_it_lacks(tmp_path):
    d = custom_model_folder(tmp_path/'toy3', tiny_model('tiny-bert'))
    with pytest.raises(PlmnbError, match=r"(?s)plmnb-toy model, which has no text-classification head.*feature-extraction"):
        load(str(d), 'text-classification', labels=['a', 'b'], trust_remote_code=True)

# --- bad paths ----------------------------------------------------------------------------------------------------------
def test_a_file_is_not_a_model(tmp_path):
    d = model_copy(tmp_path)
    with pytest.raises(BadModelError, match=r"config.json' is a file; a model is a folder"): load(str(d/'config.json'))

def test_a_folder_that_is_not_there(tmp_path):
    with pytest.raises(ModelNotFoundError, match=r"does not exist.*find_models"): load(str(tmp_path/'gone'))

# --- plugin sources that fail or stall: switched off once, named, the catalogue still lists ----------------------------
def _broken(**kw): raise OSError('drive not mounted')
def _wrong(**kw): yield 'not a ModelInfo'
def _slow(**kw):
    import time; time.sleep(0.3); return iter(())
def _hung(**kw):
    import time; time.sleep(60); return iter(())  # a network share that never answers

@pytest.mark.parametrize('fn,why', [(_broken, 'OSError: drive not mounted'), (_wrong, 'not a ModelInfo'),
                                    (_slow, 'no answer listing models within its budget of 0.1 s'), (_hung, 'it may hang')])
def test_plugin_source_switched_off_once(monkeypatch, fn, why):
    import warnings
    import plmnb.models as M
    from plmnb.plugins import PluginWarning
    monkeypatch.setattr(M, 'SOURCE_BUDGET', 0.1)
    name = f'bad-{fn.__name__}'
    M.SOURCES.register(fn, name, origin='entry point my-plugin-pkg')
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            import time; t = time.perf_counter()
            ids = [m.id for m in find_models(sources=['embedded', name])]
            ids2 = [m.id for m in find_models(sources=['embedded', name])]
            assert time.perf_counter() - t < 2  # not waited for beyond its budget, and never again
        notes = [str(x.message) for x in w if issubclass(x.category, PluginWarning)]
        assert ids == ids2 == ['all-MiniLM-L6-v2']  # the others still list
        assert len(notes) == 1 and name in notes[0] and 'my-plugin-pkg' in notes[0] and why in notes[0], notes
    finally: del M.SOURCES[name]
