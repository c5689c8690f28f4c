"Bad input to the model catalogue and loader: each a clear PlmnbError that says what to do."
import json, os, shutil
from pathlib import Path
import pytest, torch
from plmnb.core import ModelNotFoundError, BadModelError, BadArgumentError, UnsupportedTaskError
from plmnb.models import load, find_models, model_info, tiny_model, register_folder, EMBEDDED_ID
from helpers import fake_cache_entry

@pytest.fixture
def bert_folder(tmp_path):
    "A copy of the tiny BERT model folder that a test may damage."
    d = tmp_path/'my-bert'
    shutil.copytree(tiny_model('tiny-bert'), d)
    return d

def test_unknown_id_suggests():
    with pytest.raises(ModelNotFoundError) as e: load('all-MiniLM-L6-v3')
    msg = str(e.value)
    assert "'all-MiniLM-L6-v3'" in msg and 'offline' in msg and "Did you mean 'all-MiniLM-L6-v2'" in msg
    assert 'Available offline: all-MiniLM-L6-v2, tiny-bert' in msg

def test_unsupported_task_lists_supported():
    with pytest.raises(UnsupportedTaskError, match=r"distilbert model, which has no text-generation head.*fill-mask"):
        load('tiny-distilbert', 'text-generation')
    with pytest.raises(UnsupportedTaskError, match="(?s)no summarization head.*encoder-decoder model.*t5"): load(EMBEDDED_ID, 'summarization')
    with pytest.raises(UnsupportedTaskError, match="Unknown task 'sumarization'"): load(EMBEDDED_ID, 'sumarization')

@pytest.mark.parametrize('bad', ['', '   ', None, 3])
def test_empty_or_wrong_type_name(bad):
    with pytest.raises(BadArgumentError, match='not a model name'): load(bad)

def test_path_that_does_not_exist(tmp_path):
    with pytest.raises(ModelNotFoundError, match='does not exist'): load(str(tmp_path/'nope'))
    with pytest.raises(ModelNotFoundError, match='does not exist'): load('./models/nope')

def test_folder_without_config(bert_folder):
    (bert_folder/'config.json').unlink()
    with pytest.raises(BadModelError, match='has no config.json'): load(str(bert_folder))

def test_corrupt_config(bert_folder):
    (bert_folder/'config.json').write_text('{"model_type": "bert", ')
    with pytest.raises(BadModelError, match=r"my-bert/config.json' is corrupt .*line 1 column 24"): load(str(bert_folder))

def test_corrupt_safetensors(bert_folder):
    (bert_folder/'model.safetensors').write_bytes(b'\xff' * 16)
    with pytest.raises(BadModelError, match='Cannot read the safetensors file'): model_info(bert_folder)

def test_file_instead_of_folder(bert_folder):
    with pytest.raises(BadModelError, match='is a file'): load(str(bert_folder/'config.json'))

@pytest.mark.parametrize('kw,match', [(dict(num_labels=0), 'at least 1 label'), (dict(num_labels=-2), 'at least 1 label'),
                                      (dict(labels=['pos', 'neg', 'pos']), r"Duplicate labels \['pos'\]"),
                                      (dict(labels=[]), 'is empty'), (dict(labels=['a', 'b'], num_labels=3), 'num_labels=3 but 2 labels')])
def test_bad_labels(kw, match):
    with pytest.raises(BadArgumentError, match=match): load('tiny-bert', 'text-classification', **kw)

def test_labels_on_a_task_without_labels():
    with pytest.raises(BadArgumentError, match='has no labels'): load('tiny-gpt2', 'text-generation', labels=['a'])

def test_bad_device_and_dtype():
    with pytest.raises(BadArgumentError, match='Unknown device'): load('tiny-bert', device='gpu0')
    with pytest.raises(BadArgumentError, match='Unknown dtype'): load('tiny-bert', dtype='float8')

def test_pickled_weights_are_not_unpickled(bert_folder, tmp_path):
    "A .bin checkpoint that runs code when unpickled is refused, and the code never runs."
    marker = tmp_path/'pwned'
    class Evil:
        def __reduce__(self): return (os.system, (f'touch {marker}',))
    (bert_folder/'model.safetensors').unlink()
    torch.save({'bert.embeddings.word_embeddings.weight': Evil()}, bert_folder/'pytorch_model.bin')
    with pytest.raises(BadModelError): load(str(bert_folder), quiet=True)
    assert not marker.exists()

def test_pickled_tensors_load_weights_only(bert_folder):
    "Plain tensors in a .bin load (weights-only unpickling allows tensors)."
    from safetensors.torch import load_file
    sd = load_file(bert_folder/'model.safetensors')
    (bert_folder/'model.safetensors').unlink()
    torch.save(sd, bert_folder/'pytorch_model.bin')
    ld = load(str(bert_folder), 'fill-mask')
    assert ld.info.weights_format == 'bin' and ld.new_weights == []

def test_remote_code_needs_consent(bert_folder):
    cfg = json.loads((bert_folder/'config.json').read_text())
    cfg['auto_map'] = {'AutoModel': 'evil_model.EvilModel'}
    (bert_folder/'config.json').write_text(json.dumps(cfg))
    (bert_folder/'evil_model.py').write_text("raise SystemExit('remote code ran')\n")
    ld = load(str(bert_folder), quiet=True)  # without trust_remote_code the shipped code is ignored
    assert type(ld.model).__name__ == 'BertModel'

def test_registered_folder_is_listed(bert_folder, monkeypatch):
    import plmnb.models
    monkeypatch.setattr(plmnb.models, '_FOLDERS', [])
    register_folder(bert_folder.parent)
    ids = [m.id for m in find_models(sources=['folder'])]
    assert str(bert_folder) in ids
    with pytest.raises(ModelNotFoundError, match='no such folder'): register_folder(bert_folder/'nope')

def test_broken_folders_do_not_break_listing(bert_folder, tmp_path):
    bad = tmp_path/'broken'; bad.mkdir(); (bad/'config.json').write_text('not json')
    ms = find_models(folders=[tmp_path], sources=['folder'])
    assert [m.id for m in ms] == [str(bert_folder)]

def test_hf_cache_params_match_loaded(tmp_path):
    fake_cache_entry(tmp_path, 'org/tiny-roberta', tiny_model('tiny-roberta'))
    (m,) = find_models(cache_dir=tmp_path, sources=['hf-cache'])
    assert m.source == 'hf-cache'
    ld = load(m)
    assert ld.model.num_parameters() == m.params

def test_hub_id_online_downloads_into_the_cache(monkeypatch, tmp_path):
    "Online, an id that is not here is fetched with huggingface_hub (faked here: no network in tests)."
    import huggingface_hub, plmnb.models as M
    src = tiny_model('tiny-gpt2')
    calls = []
    def fake_snapshot_download(repo_id, cache_dir=None, allow_patterns=None, **kw):
        calls.append((repo_id, tuple(allow_patterns or ())))
        return str(fake_cache_entry(tmp_path, repo_id, src))
    monkeypatch.setattr(M, 'is_offline', lambda *a, **k: False)
    monkeypatch.setattr(huggingface_hub, 'snapshot_download', fake_snapshot_download)
    ld = load('someone/gpt2-like', 'text-generation', cache_dir=tmp_path)
    assert ld.info.source == 'hub' and ld.info.id == 'someone/gpt2-like'
    assert calls[0][0] == 'someone/gpt2-like' and '*.safetensors' in calls[0][1] and not any('.bin' in p for p in calls[0][1])
    # once downloaded it is in the cache: listed offline, with no second download
    assert [m.id for m in find_models(cache_dir=tmp_path, sources=['hf-cache'])] == ['someone/gpt2-like']

def test_hub_errors_are_clear(monkeypatch):
    import huggingface_hub, plmnb.models as M
    monkeypatch.setattr(M, 'is_offline', lambda *a, **k: False)
    def missing(repo_id, **kw): raise OSError(f'404 Client Error: Repository Not Found for {repo_id}')
    monkeypatch.setattr(huggingface_hub, 'snapshot_download', missing)
    with pytest.raises(ModelNotFoundError, match=r"(?s)'tiny-gtp2' could not be fetched.*Did you mean 'tiny-gpt2'"): load('tiny-gtp2')

def test_runtime_library_does_not_need_nbdev():
    "The library imports nothing from the nbdev toolchain (a dev dependency only)."
    import re
    import plmnb
    for f in Path(plmnb.__file__).parent.glob('*.py'):
        src = f.read_text()
        assert not re.search(r'^\s*(from|import)\s+(nbdev|execnb)\b', src, re.M), f

def test_no_bars_or_warnings_leak(tmp_path, monkeypatch, capfd):
    "Building every tiny model, listing and loading print nothing (issue 14: the first find_models printed five bars)."
    from transformers.utils import logging as tlog
    import huggingface_hub.utils as hu
    tlog.enable_progress_bar(); tlog.set_verbosity_warning(); hu.enable_progress_bars()  # what a user has by default
    monkeypatch.setenv('PLMNB_HOME', str(tmp_path))  # an empty home: the tiny models are built now
    capfd.readouterr()
    ms = find_models(sources=['tiny'])
    ld = load('tiny-bart', 'summarization'); load('tiny-roberta', 'text-classification', labels=['a', 'b'], quiet=True)
    out, err = capfd.readouterr()
    assert len(ms) == 7 and all(str(tmp_path) in m.path for m in ms)
    assert out == '' and err == '', (out, err)  # file-descriptor level: the Rust tokenizer trainer's bars too
    assert tlog.is_progress_bar_enabled() and tlog.get_verbosity() == tlog.WARNING and not hu.are_progress_bars_disabled()
    assert not [p for p in (tmp_path/'tiny').iterdir() if p.name.startswith('.')]  # no half-built folder left

from plmnb.fresh import TINY
from plmnb.models import Loaded

def _forward(ld, n):
    ids = torch.full((1, n), 5)
    kw = {'labels': ids} if ld.task in ('summarization', 'translation', 'text2text-generation') else {}
    with torch.inference_mode(): ld.model(input_ids=ids, **kw)

@pytest.mark.parametrize('name', [*TINY, EMBEDDED_ID])
def test_max_tokens_is_exactly_what_the_model_reads(name):
    "An input of max_tokens tokens runs; with a position table, one more than the table allows fails (the rule is tight)."
    task = 'summarization' if name in ('tiny-t5', 'tiny-bart') else 'feature-extraction'
    ld = load(name, task, quiet=True)
    text = 'plmnb reads long texts. ' * 2000  # far beyond any limit: 10x and more
    enc = ld.tokenizer(text, truncation=True, max_length=ld.max_tokens, return_tensors='pt')
    assert enc['input_ids'].shape[1] == ld.max_tokens
    _forward(ld, ld.max_tokens)
    table = getattr(ld.model.config, 'n_positions', None) or getattr(ld.model.config, 'max_position_embeddings', None)
    if name == 'tiny-t5': assert table is None and ld.max_tokens == 512; return  # relative positions: no table to overflow
    cfg = ld.model.config
    uncapped = table - (cfg.pad_token_id + 1 if cfg.model_type == 'roberta' else 0)
    assert ld.max_tokens <= uncapped
    with pytest.raises((IndexError, RuntimeError, ValueError)): _forward(ld, uncapped + 1)

@pytest.mark.parametrize('family,cfg,want', [
    ('roberta', dict(max_position_embeddings=514, pad_token_id=1), 512),  # roberta-base: padding_idx 1, positions from 2
    ('gpt2', dict(n_positions=1024), 1024),
    ('bert', dict(max_position_embeddings=512), 512),
    ('distilbert', dict(max_position_embeddings=512), 512)])
def test_max_tokens_rule_for_real_configs(family, cfg, want):
    import transformers as tf
    small = dict(vocab_size=100, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
    if family == 'gpt2': small = dict(vocab_size=100, n_embd=16, n_layer=1, n_head=2)
    if family == 'distilbert': small = dict(vocab_size=100, dim=16, n_layers=1, n_heads=2, hidden_dim=32)
    config = tf.AutoConfig.for_model(family, **small, **cfg)
    model = tf.AutoModel.from_config(config)
    tok = tf.AutoTokenizer.from_pretrained(tiny_model('tiny-bert'))
    tok.model_max_length = int(1e30)  # the placeholder many hub tokenizers carry: not a limit
    ld = Loaded.from_model(model, tok)
    assert ld.max_tokens == want
    _forward(ld, want)
    with pytest.raises((IndexError, RuntimeError, ValueError)): _forward(ld, want + 1)
    tok.model_max_length = 128  # a sane tokenizer limit caps it
    assert ld.max_tokens == 128

def test_extend_vocab_untied_output_rows():
    "Untied output embeddings get the same mean-of-pieces rows as the input embeddings."
    import copy, transformers as tf
    from plmnb.fresh import extend_vocab
    tok = tf.AutoTokenizer.from_pretrained(tiny_model('tiny-gpt2'))
    model = tf.GPT2LMHeadModel(tf.GPT2Config(n_layer=1, n_embd=16, n_head=2, vocab_size=len(tok), tie_word_embeddings=False))
    ld = Loaded.from_model(model, tok, id='untied')
    old_tok = copy.deepcopy(tok)
    out0 = model.get_output_embeddings().weight.detach().clone()
    r = extend_vocab(ld, ['这部电影很好看，演员们都很出色。', '这部电影太长了。'] * 10, 8, quiet=True)
    assert r['added'] > 0 and r['after']['tokens_per_char'] < r['before']['tokens_per_char']
    out = ld.model.get_output_embeddings().weight
    assert out is not ld.model.get_input_embeddings().weight  # still untied
    for w in r['tokens']:
        i = tok.convert_tokens_to_ids(w)
        assert torch.allclose(out[i].detach(), out0[old_tok(w)['input_ids']].mean(0))
    assert ld.model.config.vocab_size == len(tok) == ld.info.vocab

def test_tiny_rebuild_replaces_in_place(tmp_path, monkeypatch):
    "rebuild=True swaps the folder in (the old one goes through a hidden name), leaving nothing behind."
    from plmnb.fresh import tiny_model
    monkeypatch.setenv('PLMNB_HOME', str(tmp_path))
    p = tiny_model('tiny-gpt2'); (p/'marker').write_text('old build')
    assert tiny_model('tiny-gpt2', rebuild=True) == p and not (p/'marker').exists() and (p/'config.json').exists()
    assert [d.name for d in p.parent.iterdir()] == [p.name]

def test_extend_vocab_same_seed_same_rows_and_unknowns_distinct():
    "Tokens with no known piece get distinct seeded rows (H4: identical rows left them indistinguishable); same seed, same rows."
    from plmnb.fresh import extend_vocab
    zh = ['这部电影很好看，演员们都很出色。', '这部电影太长了，演员们不太好。'] * 10
    rows = []
    for seed in (1, 1, 2):
        ld = load('tiny-bert', 'fill-mask', quiet=True)
        n0 = len(ld.tokenizer)
        r = extend_vocab(ld, zh, 50, seed=seed, quiet=True)
        assert r['before']['unk_rate'] == 1.0 and r['after']['unk_rate'] == 0.0
        rows.append(ld.model.get_input_embeddings().weight[n0:].detach().clone())
    assert torch.equal(rows[0], rows[1]) and not torch.equal(rows[0], rows[2])
    assert len({tuple(r.tolist()) for r in rows[0]}) == len(rows[0])
