"Tests of `plmnb.picker.ModelPicker` that a notebook tests badly: every tiny family, bad inputs, plugin sources, the widget."
import html, shutil

import pytest, torch

from plmnb import models
from helpers import fake_cache_entry
from plmnb.core import BadArgumentError, UnsupportedTaskError
from plmnb.picker import ModelPicker, Fit, will_it_fit, memory_dtype, free_memory, available_devices, _COLUMNS


@pytest.fixture
def picker(): return ModelPicker(device='cpu')

@pytest.fixture
def offline(monkeypatch): monkeypatch.setenv('HF_HUB_OFFLINE', '1')

def ids(p): return [r['id'] for r in p.rows]


# --- filtering and sorting -------------------------------------------------------------------------------------------

def test_lists_embedded_and_tiny(picker):
    assert ids(picker)[0] == models.EMBEDDED_ID
    assert set(models.TINY) <= set(ids(picker))
    row = picker.rows[ids(picker).index('tiny-gpt2')]
    assert set(row) == {'id', 'family', 'params', 'size', 'memory', 'head', 'source', 'note'}  # no always-'yes' column
    assert (row['family'], row['source'], row['note']) == ('gpt2', 'tiny', 'random weights')
    assert picker.rows[0]['note'] == ''

def test_search_filters_by_id(picker):
    assert ids(picker.search('mini')) == [models.EMBEDDED_ID]
    assert ids(picker.search('TINY-')) == list(models.TINY)
    assert ids(picker.search('')) == ids(ModelPicker(device='cpu'))

def test_filter_task_family_source(picker):
    picker.filter(task='fill-mask')
    assert 'tiny-gpt2' not in ids(picker) and 'tiny-bert' in ids(picker)
    assert picker.rows[ids(picker).index('tiny-bert')]['head'] == 'pretrained'
    assert picker.rows[0]['head'] == 'new (random)'  # MiniLM was saved without its MLM head
    picker.filter(task='text-generation')
    assert picker.rows[ids(picker).index('tiny-gpt2')]['head'] == 'pretrained'
    picker.filter(task=None, family='bert')
    assert ids(picker) == [models.EMBEDDED_ID, 'tiny-bert']
    picker.filter(source='tiny')  # family stays
    assert ids(picker) == ['tiny-bert']
    picker.filter(family=None, source='embedded')
    assert ids(picker) == [models.EMBEDDED_ID]
    picker.filter(source='hub')
    assert ids(picker) == []
    assert 'no model matches' in picker.to_html()

def test_filter_rejects_nonsense(picker):
    with pytest.raises(UnsupportedTaskError, match='Unknown task'): picker.filter(task='summarisation')
    with pytest.raises(BadArgumentError, match='Unknown source'): picker.filter(source='pypi')

def test_sort(picker):
    picker.sort('params', descending=True)
    params = [m.params for m in picker._visible()]
    assert params == sorted(params, reverse=True) and ids(picker)[0] == models.EMBEDDED_ID
    picker.sort('size')
    sizes = [m.size for m in picker._visible()]
    assert sizes == sorted(sizes)
    picker.sort('id')
    assert ids(picker) == sorted(ids(picker), key=str.lower)
    picker.sort('memory', True)
    mem = [m.memory('fp32') for m in picker._visible()]
    assert mem == sorted(mem, reverse=True)
    picker.sort(None)
    assert ids(picker) == ids(ModelPicker(device='cpu'))
    with pytest.raises(BadArgumentError, match='Sortable columns'): picker.sort('colour')

def test_sort_puts_unknown_last(picker):
    m = picker.models[1]
    picker.models.append(models.ModelInfo(**{**m.__dict__, 'id': 'no-count', 'path': '/nowhere', 'params': None,
                                              'stored_params': None}))
    assert ids(picker.sort('params'))[-1] == 'no-count'
    assert ids(picker.sort('params', descending=True))[-1] == 'no-count'
    assert picker.rows[-1]['memory'].startswith('?')

def test_memory_follows_dtype(picker):
    mini = models.resolve(models.EMBEDDED_ID)
    from plmnb.core import human_bytes
    assert picker.rows[0]['memory'] == f"{human_bytes(mini.memory('fp32'))} (fp32)"
    picker.set_options(dtype='fp16')
    assert picker.rows[0]['memory'] == f"{human_bytes(mini.memory('fp16'))} (fp16)"
    picker.set_options(dtype='auto')
    assert picker.rows[0]['memory'].endswith('(fp32)')  # stored in float32

def test_source_filter_reads_the_registry(monkeypatch, tmp_path):
    "A plugin source added to `models.SOURCES` is listed and filterable without touching the picker."
    shutil.copytree(models.tiny_model('tiny-albert'), tmp_path/'plug')
    def mine(**kw): yield models.model_info(tmp_path/'plug', id='my-plugin-model', source='mine')
    monkeypatch.setitem(models.SOURCES, 'mine', mine)
    p = ModelPicker(device='cpu')
    assert p.sources == [*models.SOURCES, 'hub'] and 'mine' in p.sources
    assert ids(p.filter(source='mine')) == ['my-plugin-model']
    assert 'mine' in [v for _, v in p.widget and p._w.source.options]


# --- selecting and details -------------------------------------------------------------------------------------------

def test_select_and_details(picker):
    picker.select('all-MiniLM-L6-v2')
    d = picker.details
    assert (d['layers'], d['heads'], d['hidden'], d['vocab'], d['max_positions']) == (6, 12, 384, 30522, 512)
    assert d['license'] == 'apache-2.0' and d['readme'] and not d['random_weights']
    assert picker.select('default').selected.id == models.EMBEDDED_ID  # an alias
    picker.select('tiny-bert')
    assert picker.details['random_weights'] and 'random weights' in picker._details_html()

def test_search_exact_name_selects(picker):
    picker.search('sentence-transformers/all-MiniLM-L6-v2')
    assert picker.selected.id == models.EMBEDDED_ID and ids(picker) == [models.EMBEDDED_ID]
    picker.search(str(models.tiny_model('tiny-roberta')))  # the path of a listed model: that model, shown by id
    assert picker.selected.id == 'tiny-roberta' and ids(picker) == ['tiny-roberta']


# --- loading ---------------------------------------------------------------------------------------------------------

def test_load_embedded_default(picker):
    ld = picker.select(models.EMBEDDED_ID).load()
    assert isinstance(ld, models.Loaded) and picker.value is ld and picker.loaded is ld
    assert ld.task == 'feature-extraction' and ld.model.num_parameters() == ld.info.params
    assert picker.kind == 'ok' and picker.message.startswith(f'Loaded {models.EMBEDDED_ID}')

@pytest.mark.parametrize('name', models.TINY)
def test_load_each_tiny(picker, name):
    ld = picker.select(name).load()
    assert ld is not None, picker.message
    assert ld.info.id == name and ld.info.random_weights and 'random weights' in picker.message
    pretrained = [t for t, s in ld.info.tasks.items() if s == 'pretrained']
    assert ld.new_weights == [] and pretrained and ld.task == pretrained[0]  # loads for its pretrained head

@pytest.mark.parametrize('name', ['tiny-bert', 'tiny-gpt2'])
def test_options_reach_load(picker, name):
    ld = picker.select(name).load(task='text-classification', labels='negative, neutral, positive', attn='eager',
                                  dtype='bf16', device='cpu')
    assert ld is not None, picker.message
    assert ld.task == 'text-classification' and ld.labels == ['negative', 'neutral', 'positive']
    assert ld.model.config._attn_implementation == 'eager'
    assert ld.dtype == torch.bfloat16 and ld.device.type == 'cpu'
    assert ld.new_weights and 'new head' in picker.message

def test_num_labels_and_filter_task_reach_load(picker):
    picker.filter(task='token-classification').select('tiny-roberta').set_options(num_labels=5, attn='sdpa')
    assert picker.load_kwargs()['task'] == 'token-classification'
    ld = picker.load()
    assert ld.task == 'token-classification' and ld.model.config.num_labels == 5
    assert ld.model.config._attn_implementation == 'sdpa' and ld.dtype == torch.float32

def test_set_options_rejects_unknown(picker):
    with pytest.raises(BadArgumentError, match='Unknown load option'): picker.set_options(colour='red')

def test_on_load_fires_once_per_load(picker):
    calls = []
    assert picker.on_load(calls.append) == calls.append
    picker.on_load(calls.append)  # registering twice does not call twice
    first = picker.select('tiny-albert').load()
    assert calls == [first]
    second = picker.load()
    assert calls == [first, second] and second is not first
    picker.load(task='fill-mask', labels=['a'])  # a failed load calls nothing
    assert len(calls) == 2
    picker.on_load(calls.append, remove=True)
    picker.load()
    assert len(calls) == 2

def test_on_load_in_constructor_and_failing_callback():
    got = []
    p = ModelPicker(device='cpu', on_load=got.append)
    def broken(ld): raise RuntimeError('boom')
    p.on_load(broken)
    ld = p.select('tiny-gpt2').load()
    assert got == [ld] and p.value is ld
    assert p.kind == 'error' and 'boom' in p.message and 'broken' in p.message


# --- bad inputs: a message in the widget, the selection kept -----------------------------------------------------------

def test_nonexistent_path_keeps_selection(picker):
    picker.select('tiny-bert').search('tiny')
    before = ids(picker)
    picker.search('/definitely/not/a/model')
    assert picker.kind == 'error' and 'does not exist' in picker.message
    assert picker.selected.id == 'tiny-bert' and ids(picker) == before
    assert 'does not exist' in picker.to_html()

def test_typo_id_offline(picker, offline):
    picker.select('tiny-gpt2')
    picker.search('all-MiniLM-L7-v2')
    assert picker.kind == 'error' and 'offline' in picker.message
    assert "Did you mean 'all-MiniLM-L6-v2'" in picker.message
    assert picker.selected.id == 'tiny-gpt2'
    picker.select('bert-base-uncasd')
    assert picker.kind == 'error' and picker.selected.id == 'tiny-gpt2'

def test_folder_that_is_not_a_model(picker, tmp_path):
    picker.select('tiny-bert')
    (tmp_path/'notes').mkdir()
    picker.search(str(tmp_path/'notes'))
    assert picker.kind == 'error' and 'no config.json' in picker.message and picker.selected.id == 'tiny-bert'

def test_folder_path_is_added_and_loads(picker, tmp_path):
    folder = tmp_path/'my & <bert>'
    shutil.copytree(models.tiny_model('tiny-bert'), folder)
    picker.search(str(folder))
    m = picker.selected
    assert (m.id, m.source, m.family, m.path) == (str(folder), 'folder', 'bert', str(folder))
    assert ids(picker) == [str(folder)] and picker.kind == 'ok'
    assert html.escape(str(folder)) in picker.to_html() and '<bert>' not in picker.to_html()
    assert str(folder) in ids(picker.filter(source='folder').search(''))
    ld = picker.load(task='text-classification', num_labels=2)
    assert ld.info.path == str(folder) and ld.model.config.num_labels == 2

def test_hub_id_typed(picker, monkeypatch, tmp_path):
    "An id not listed goes through `models.resolve`; a hub model joins the list under source 'hub'."
    seen = []
    snapshot = shutil.copytree(models.tiny_model('tiny-distilbert'), tmp_path/'snapshot')  # as if downloaded
    def fake_resolve(model, cache_dir=None):
        seen.append(model)
        return models.model_info(snapshot, id=model, source='hub')
    monkeypatch.setattr(models, 'resolve', fake_resolve)
    picker.search('someone/distil-model')
    assert seen == ['someone/distil-model']
    assert picker.selected.id == 'someone/distil-model' and picker.selected.source == 'hub'
    assert ids(picker.search('').filter(source='hub')) == ['someone/distil-model']

def test_load_errors_go_to_status(picker):
    assert picker.load() is None and 'No model selected' in picker.message
    good = picker.select('tiny-bert').load()
    assert picker.load(task='fill-mask', labels=['x', 'y']) is None
    assert picker.kind == 'error' and 'has no labels' in picker.message
    assert picker.value is good and picker.selected.id == 'tiny-bert'
    assert picker.load(task='text-classification', labels=['a', 'a']) is None and 'Duplicate labels' in picker.message
    assert picker.load(task='text-generation', device='cuda:7') is None and picker.kind == 'error'
    assert picker.value is good

def test_load_error_from_transformers(picker, tmp_path):
    "A folder whose weights are broken fails inside `load`: the message is in the status, not a traceback."
    folder = tmp_path/'broken'
    shutil.copytree(models.tiny_model('tiny-gpt2'), folder)
    picker.search(str(folder))
    (folder/'model.safetensors').write_bytes(b'not safetensors')
    assert picker.load() is None and picker.kind == 'error' and 'Could not load' in picker.message


# --- will it fit ----------------------------------------------------------------------------------------------------

def test_will_it_fit_levels():
    mini = models.resolve(models.EMBEDDED_ID)
    need = int(mini.memory('fp32') * 1.2)
    assert will_it_fit(mini, 'fp32', 'cpu', free=10 * need).level == 'fits'
    assert will_it_fit(mini, 'fp32', 'cpu', free=int(need / 0.7)).level == 'tight'
    f = will_it_fit(mini, 'fp32', 'cpu', free=need // 2)
    assert f.level == 'too big' and f.text.startswith('too big') and 'too big' in f._repr_html_()
    assert f.train == 16 * mini.stored_params
    assert will_it_fit(mini, 'bf16', 'cpu', free=10**10).need == int(mini.memory('bf16') * 1.2)
    assert will_it_fit(mini, None, 'cpu').free > 0 and free_memory('cpu') > 0
    assert memory_dtype('half', 'cpu') == 'fp16' and available_devices()[0] == 'cpu'

def test_fit_in_picker(picker):
    assert picker.fit is None
    picker.select('tiny-gpt2')
    assert isinstance(picker.fit, Fit) and picker.fit.level == 'fits' and picker.fit.device == 'cpu'
    picker.set_options(dtype='fp16')
    assert picker.fit.dtype == 'fp16'


# --- the widget and its static fallback ------------------------------------------------------------------------------

def test_static_fallback_has_the_rows(picker):
    picker.filter(task='text-generation').select('tiny-gpt2')
    h = picker.to_html()
    for r in picker.rows:
        for c in ('id', 'family', 'params', 'size', 'memory', 'head'): assert html.escape(r[c]) in h
    assert '▶ tiny-gpt2' in h and 'text-generation head' in h
    assert 'tiny-gpt2' in str(picker) and 'random weights' in str(picker)
    assert not hasattr(picker, '_repr_mimebundle_')  # the widget view never rides in one bundle with the snapshot

def test_display_is_snapshot_then_widget_and_snapshot_follows_the_state(picker, monkeypatch):
    import IPython.display as D
    sent, ups = [], []
    monkeypatch.setattr(D, 'display', lambda obj, **kw: sent.append((obj, kw)))
    monkeypatch.setattr(D, 'update_display', lambda obj, **kw: ups.append((obj, kw)))
    picker._ipython_display_()
    (static, kw), (view, _) = sent
    assert 'plmnb-static' in static['text/html'] and 'ModelPicker' in static['text/html'] and kw['display_id']
    assert view['application/vnd.jupyter.widget-view+json']['model_id'] == picker.widget.model_id and view['text/plain'] == ''
    assert 'plmnb-live' in picker.widget._dom_classes
    picker.select('tiny-bert')
    assert ups and '▶ tiny-bert' in ups[-1][0]['text/html'] and ups[-1][1]['display_id'] == kw['display_id']

def shown(p): return [[b.description for b in row] for row in p._w.cells if row[0].layout.display != 'none']

def test_widget_drives_the_methods(picker, offline):
    picker.widget
    w = picker._w
    assert (w.task.label, w.family.label, w.source.label) == ('any task', 'any family', 'any source')
    assert [h.description for h in w.heads.values()][:3] == ['model', 'family', 'parameters']
    w.task.value = 'fill-mask'
    assert picker.task == 'fill-mask' and 'tiny-gpt2' not in [r[0] for r in shown(picker)]
    w.heads['params'].click()  # a header click sorts, biggest first for sizes; a second click reverses
    assert (picker.sort_by, picker.descending) == ('params', True) and [r[0] for r in shown(picker)] == ids(picker)
    assert w.heads['params'].description == 'parameters ▼'
    w.heads['params'].click()
    assert (picker.sort_by, picker.descending) == ('params', False) and w.heads['params'].description == 'parameters ▲'
    w.heads['note'].click()  # not sortable: nothing changes
    assert picker.sort_by == 'params'
    row = [r[0] for r in shown(picker)].index('tiny-distilbert')
    w.cells[row][4].click()  # a click anywhere on the row selects it
    assert picker.selected.id == 'tiny-distilbert' and 'layers: <b>2</b>' in w.details.value
    assert shown(picker)[row][0] == '▶ tiny-distilbert' and 'plmnb-sel' in w.cells[row][0]._dom_classes
    assert sum('plmnb-sel' in b._dom_classes for r in w.cells for b in r) == len(_COLUMNS)
    assert w.load_task.value == 'fill-mask' and not w.load.disabled
    assert 'fits' in w.fit.value
    w.search.value = '/no/such/folder'; w.add.click()
    assert picker.selected.id == 'tiny-distilbert' and 'does not exist' in w.status.value
    assert w.search.value == '/no/such/folder'  # the text stays, to be corrected
    w.task.value = 'text-classification'
    w.labels.value = 'bad, good'
    w.attn.value = 'eager'
    w.dtype.value = 'bf16'
    assert picker.options['labels'] == ['bad', 'good']
    w.load.click()
    ld = picker.value
    assert ld.labels == ['bad', 'good'] and ld.dtype == torch.bfloat16 and ld.model.config._attn_implementation == 'eager'
    assert 'Loaded tiny-distilbert' in w.status.value and not w.load.disabled
    picker.filter(task=None, family='bert').set_options(dtype=None, attn=None)
    assert (w.task.label, w.family.value, w.dtype.label, w.attn.label) == ('any task', 'bert', 'default for the device', 'default')

def test_typing_filters_after_a_pause_and_checks_nothing(picker, monkeypatch):
    import time
    picker.widget
    resolved = []
    monkeypatch.setattr(models, 'resolve', lambda *a, **k: resolved.append(a) or (_ for _ in ()).throw(AssertionError('resolved')))
    for t in ('t', 'ti', 'tin', 'tiny-r'): picker._w.search.value = t
    assert picker.query == ''  # nothing yet: the typing has not paused
    time.sleep(0.8)
    assert picker.query == 'tiny-r' and [r[0] for r in shown(picker)] == ['tiny-roberta']
    picker._w.search.value = 'bert-base-uncasedX'
    time.sleep(0.8)
    assert resolved == [] and picker.kind != 'error' and 'press Add' in picker.message
    assert picker._w.search.value == 'bert-base-uncasedX'  # what was typed stays in the box

@pytest.mark.parametrize('opts', [dict(), dict(task='fill-mask'), dict(task='text-classification')])
def test_empty_inputs_show_empty(opts):
    p = ModelPicker(device='cpu', **opts)
    p.widget
    assert p._w.num_labels.value == '' and p._w.labels.value == ''
    p.select('tiny-bert').set_options(num_labels=3)
    assert p._w.num_labels.value == '3'
    p._w.num_labels.value = ''
    assert p.options['num_labels'] is None and p._w.num_labels.value == ''

def test_num_labels_typed_wrong_is_one_status_line(picker):
    picker.widget
    picker.select('tiny-bert').filter(task='text-classification')
    picker._w.num_labels.value = 'three'
    assert picker.kind == 'error' and "'three'" in picker.message and picker.options['num_labels'] is None

def test_labels_are_not_cut(picker):
    "Every control lets its label and its value take the room they need (no fixed widths that clip text)."
    picker.select('all-MiniLM-L6-v2').widget
    w = picker._w
    for c in (w.task, w.family, w.source, w.load_task, w.dtype, w.attn, w.device, w.labels, w.num_labels):
        assert c.style.description_width == 'initial' and c.layout.width in ('auto', None), c.description
    assert any('new head' in label for label, _ in w.load_task.options)

def test_model_card_is_sanitized_html(tmp_path):
    from plmnb.picker import card_html
    evil = ('---\nlicense: mit\n---\n# Card\n\n<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n'
            '[click](javascript:alert(3)) [ok](https://example.org) `</pre>`\n\n```\ncode <b>\n```\n')
    h = card_html(evil)
    assert '<h1>Card</h1>' in h and '<a href="https://example.org">ok</a>' in h and '<pre><code>code &lt;b&gt;' in h
    for bad in ('<img', '<script', 'href="javascript:', 'onerror=alert(1)>', 'license: mit'): assert bad not in h, bad
    shutil.copytree(models.tiny_model('tiny-bert'), tmp_path/'m')
    (tmp_path/'m'/'README.md').write_text(evil)
    p = ModelPicker(device='cpu', folders=[tmp_path]).select(str(tmp_path/'m'))
    d = p._details_html()
    assert '<h1>Card</h1>' in d and '<script' not in d and '<pre style' not in d

def test_button_disabled_while_loading(picker, monkeypatch):
    picker.widget
    w, real, seen = picker._w, models.load, {}
    def spy(*a, **kw):
        seen.update(disabled=w.load.disabled, status=w.status.value, desc=w.load.description)
        return real(*a, **kw)
    monkeypatch.setattr(models, 'load', spy)
    picker.select('tiny-gpt2')
    w.load.click()
    assert seen['disabled'] and 'Loading tiny-gpt2' in seen['status'] and seen['desc'] == 'Loading ...'
    assert not w.load.disabled and picker.value is not None and ' s:' in picker.message

def test_widget_bad_labels_no_traceback(picker):
    picker.widget
    picker.select('tiny-bert')
    picker._w.task.value = 'text-classification'
    picker._w.labels.value = 'a, a'
    picker._w.load.click()
    assert picker.kind == 'error' and 'Duplicate labels' in picker.message

def test_hf_cache_models_are_listed(tmp_path):
    fake_cache_entry(tmp_path/'hub', 'someone/cached-gpt2', models.tiny_model('tiny-gpt2'))
    p = ModelPicker(device='cpu', cache_dir=tmp_path/'hub', source='hf-cache')
    assert ids(p) == ['someone/cached-gpt2'] and p.rows[0]['family'] == 'gpt2'
    assert p.select('someone/cached-gpt2').load().info.source == 'hf-cache'
