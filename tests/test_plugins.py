"Plugins as a package author ships them: the demo package in tests/plugin_pkg, installed with real metadata, plus failing plugins."
import shutil, subprocess, sys, warnings
from pathlib import Path
import pytest
import plmnb
from plmnb import plugins, models, progress
from plmnb.core import PluginError
from plmnb.plugins import PluginWarning
from plmnb.models import find_models, load, SOURCES
from plmnb.progress import LiveProgress
from plmnb.panels import Panel, PANELS
from plmnb.attention import attend
from plmnb.views import show, to_html, VIEWS

PKG = Path(__file__).parent/'plugin_pkg'
TEXTS = ['a wonderful, moving film', 'dull and far too long', 'I would watch it again', 'a waste of an evening'] * 8
LABELS = ['pos', 'neg', 'pos', 'neg'] * 8


@pytest.fixture(scope='module')
def demo(tmp_path_factory):
    "The demo plugin package, pip-installed into a temporary folder put on sys.path (the dev environment is not touched)."
    tmp = tmp_path_factory.mktemp('plugin')
    src, site = tmp/'src', tmp/'site'
    shutil.copytree(PKG, src, ignore=shutil.ignore_patterns('build', '*.egg-info', '__pycache__'))  # keep the repo clean
    subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps', '--no-build-isolation', '--no-index',
                    '--target', str(site), str(src)], check=True, capture_output=True)
    models_dir = tmp/'models'
    shutil.copytree(models.tiny_model('tiny-bert'), models_dir/'sentiment')
    mp = pytest.MonkeyPatch()
    mp.setenv('PLMNB_DEMO_MODELS', str(models_dir))
    sys.path.insert(0, str(site))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        plugins.reload()
        for reg in plugins.registries().values(): list(reg)  # read the entry points now
    yield dict(warnings=[x for x in w if issubclass(x.category, PluginWarning)], models=models_dir)
    sys.path.remove(str(site))
    for m in [m for m in sys.modules if m.startswith('plmnb_demo_plugin')]: del sys.modules[m]
    mp.undo()
    plugins.reload()
    assert 'demo' not in SOURCES and 'entropy' not in VIEWS and 'event-count' not in PANELS


@pytest.fixture(scope='module')
def att():
    return attend(load('tiny-bert', attn='eager', quiet=True), 'Plugins extend plmnb.')


# --- found through real package metadata ----------------------------------------------------------------------------

def test_entry_points_come_from_package_metadata(demo):
    from importlib.metadata import distribution
    assert 'plmnb.views' in distribution('plmnb-demo-plugin').read_text('entry_points.txt')
    assert {e.name for e in plugins.entry_points_of('views')} >= {'entropy', 'missing'}
    assert SOURCES.meta['demo']['origin'] == 'entry point plmnb-demo-plugin'
    assert PANELS.meta['event-count']['origin'].startswith('entry point') and VIEWS.meta['entropy']['page']
    assert SOURCES.meta['tiny']['origin'] == PANELS.meta['stats']['origin'] == VIEWS.meta['head']['origin'] == 'plmnb'

def test_broken_entry_points_warn_once_and_are_skipped(demo):
    msgs = [str(x.message) for x in demo['warnings']]
    assert len(msgs) == 2, msgs
    assert any("'missing'" in m and 'failed to import' in m and 'ModuleNotFoundError' in m for m in msgs)
    assert any("'not-a-panel'" in m and 'is not a progress panel' in m for m in msgs)
    assert 'missing' not in VIEWS and 'not-a-panel' not in PANELS
    with warnings.catch_warnings(record=True) as w:  # read once: using the registries again says nothing more
        warnings.simplefilter('always')
        list(VIEWS); list(PANELS); find_models(sources=['demo'])
    assert not [x for x in w if issubclass(x.category, PluginWarning)]


# --- a source --------------------------------------------------------------------------------------------------------

def test_source_lists_and_loads_its_models(demo):
    ms = find_models()
    assert [(m.id, m.source) for m in ms if m.source == 'demo'] == [('demo/sentiment', 'demo')]
    assert [m.id for m in find_models(query='demo/', task='text-classification')] == ['demo/sentiment']
    src = SOURCES['demo']
    ld = load('demo/sentiment', 'text-classification', labels=['neg', 'pos'], quiet=True)
    assert src.loads == [('demo/sentiment', 'text-classification')]  # the source's own load was used
    assert (ld.info.id, ld.info.source, ld.labels) == ('demo/sentiment', 'demo', ['neg', 'pos'])

def test_picker_offers_the_source(demo):
    from plmnb.picker import ModelPicker
    p = ModelPicker(device='cpu')
    assert 'demo' in p.sources
    assert [r['id'] for r in p.filter(source='demo').rows] == ['demo/sentiment']


# --- a panel, in a real fine-tune ------------------------------------------------------------------------------------

class Raising(Panel):
    def on_evaluate(self, step, metrics): raise ValueError('this panel breaks at each evaluation')

def test_panel_sees_every_eval_and_a_raising_panel_breaks_nothing(demo):
    from plmnb.data import load_data
    from plmnb.train import finetune
    plmnb.register_panel(Raising, 'Raising')
    try:
        data = load_data({'text': TEXTS, 'label': LABELS}, 'text-classification', seed=0)
        ld = load('tiny-bert', 'text-classification', labels=data.labels, quiet=True)
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            run = finetune(ld, data, epochs=1, batch_size=8, eval_every=1, progress=LiveProgress(progress='none'))
    finally: del PANELS['Raising']
    counter = next(p for p in run.progress.panels if type(p).__name__ == 'EventCountPanel')
    evals = run.history[run.history.filter(like='eval_').notna().any(axis=1)]
    assert counter.counts['eval'] == len(evals) >= 3 and counter.eval_steps == evals.step.tolist()
    assert counter.counts['start'] == counter.counts['finish'] == 1
    assert 'class="demo-events"' in run.progress.snapshot_html()
    # the raising panel: switched off at the first eval, said once, and the run went to the end
    bad = next(p for p in run.progress.panels if isinstance(p, Raising))
    assert 'ValueError: this panel breaks' in bad.error and run.stop_reason is None
    assert len([x for x in w if 'Raising' in str(x.message)]) == 1
    assert 'panel switched off: Raising.on_evaluate' in run.progress.snapshot_html()
    assert 'eval_accuracy' in run.metrics and run.history.step.max() == run.progress.total_steps

def test_slow_panel_is_switched_off(monkeypatch):
    import time
    class Slow(Panel):
        def on_log(self, step, logs): time.sleep(.03)
    monkeypatch.setattr(progress, 'SLOW_GRACE', .01); monkeypatch.setattr(progress, 'SLOW_SHARE', 0.)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        lp = LiveProgress(progress='none', panels=[Slow])
        for i in range(20): lp.step(); lp.log(loss=1.)
        lp.finish()
    assert 'too slow' in lp.panels[0].error and lp.global_step == 20 and len(lp.history) == 20
    assert len([x for x in w if issubclass(x.category, PluginWarning)]) == 1

def test_panel_that_fails_to_construct():
    class NoInit(Panel):
        def __init__(self): raise RuntimeError('no GPU here')
        def text(self): return ''
    plmnb.register_panel(NoInit, 'NoInit')
    try:
        with pytest.warns(PluginWarning, match='NoInit'): lp = LiveProgress(progress='none')
        lp.step(); lp.log(loss=1.); lp.finish()
        assert lp.global_step == 1 and 'no GPU here' in lp.snapshot_html()
    finally: del PANELS['NoInit']


# --- a view ----------------------------------------------------------------------------------------------------------

def test_view_is_on_attention_pages(demo, att, tmp_path):
    html = to_html(att, tmp_path/'a.html', png=False).read_text()
    assert 'class="demo-entropy"' in html and 'class="plmnb-attn"' in html
    assert 'demo-entropy' in att._repr_html_()
    assert show(att, 'entropy').html.startswith('<table class="demo-entropy">')
    assert 'demo-entropy' not in to_html(att, tmp_path/'b.html', png=False, plugins=False).read_text()

def test_raising_view_is_an_error_box(att, tmp_path):
    plmnb.register_view(lambda att: {}['no such key'], 'keyerror')
    plmnb.register_view(lambda att: 42, 'not-html')
    try:
        with pytest.warns(PluginWarning, match="'keyerror' failed"): v = show(att, 'keyerror')
        assert 'plmnb-attn-error' in v.html and 'KeyError' in v.html
        with pytest.warns(PluginWarning, match='not an HTML string'): v = show(att, 'not-html')
        with pytest.warns(PluginWarning):
            page = to_html(att, tmp_path/'a.html', png=False).read_text()
        assert page.count('class="plmnb-attn-error"') == 2 and 'class="plmnb-attn"' in page  # the page is still written
    finally: del VIEWS['keyerror'], VIEWS['not-html']

def test_view_object_with_figure(att, tmp_path):
    class Tokens:
        name = 'n-tokens'
        def html(self, att, **opts): return f'<p>{att.n_tokens}</p>'
        def figure(self, att, **opts):
            from matplotlib.figure import Figure
            fig = Figure(); fig.add_subplot().bar(range(att.n_tokens), 1); return fig
    plmnb.register_view(Tokens, page=False)
    try:
        v = show(att, 'n-tokens')
        assert v.html == f'<p>{att.n_tokens}</p>' and v.save(tmp_path/'t.png').read_bytes()[:4] == b'\x89PNG'
        assert '<p>' not in to_html(att, tmp_path/'a.html', png=False).read_text()  # page=False: not on pages
    finally: del VIEWS['n-tokens']


# --- sources that fail -----------------------------------------------------------------------------------------------

def test_raising_source_is_skipped():
    def unmounted(**kw):
        raise OSError('the shared drive is not mounted')
        yield
    def wrong(**kw): yield 'not a ModelInfo'
    plmnb.register_source(unmounted); plmnb.register_source(wrong)
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            ms = find_models()
        msgs = [str(x.message) for x in w if issubclass(x.category, PluginWarning)]
        assert len(msgs) == 2 and "'unmounted'" in msgs[0] and 'OSError: the shared drive' in msgs[0] and 'not a ModelInfo' in msgs[1]
        assert set(models.TINY) <= {m.id for m in ms}
    finally: del SOURCES['unmounted'], SOURCES['wrong']

def test_source_load_must_return_loaded(tmp_path):
    shutil.copytree(models.tiny_model('tiny-gpt2'), tmp_path/'g')
    class Bad:
        name = 'bad-loader'
        def models(self, **kw): yield models.model_info(tmp_path/'g', id='bad/g', source='x')
        def load(self, info, task, **kw): return 'a string'
    plmnb.register_source(Bad())
    try:
        with pytest.raises(PluginError, match="'bad-loader' returned a str from load"): load('bad/g', 'text-generation')
    finally: del SOURCES['bad-loader']


# --- wrong shapes are refused at registration ------------------------------------------------------------------------

class NoOverride(Panel): pass
class WrongArgs(Panel):
    def on_log(self, logs): pass
class NeedsArgs(Panel):
    def __init__(self, size): super().__init__()
    def text(self): return ''
class AxesNoDraw(Panel):
    n_axes = 2
    def text(self): return ''

@pytest.mark.parametrize('register, obj, msg', [
    ('register_panel', object, 'not a progress panel'),
    ('register_panel', lambda: None, 'not a progress panel'),
    ('register_panel', NoOverride, 'overrides nothing'),
    ('register_panel', WrongArgs, 'WrongArgs.on_log has the wrong arguments'),
    ('register_panel', NeedsArgs, 'needs arguments'),
    ('register_panel', AxesNoDraw, 'n_axes=2 but no draw'),
    ('register_panel', Raising(), 'register its class'),
    ('register_source', 42, 'not a model source'),
    ('register_source', lambda: iter(()), 'must accept \\*\\*kw'),
    ('register_source', type('NoName', (), {'name': None, 'models': lambda self, **kw: iter(())})(), 'has no name'),
    ('register_source', type('S', (), {'name': 's', 'models': lambda self, **kw: iter(()), 'load': lambda self: 0})(),
     'load\\(info, task, \\*\\*kw\\)'),
    ('register_view', 'head', 'not an attention view'),
    ('register_view', lambda a, b: '', 'view\\(att\\)'),
    ('register_view', lambda att: '', 'has no name'),
])
def test_wrong_shapes_are_refused(register, obj, msg):
    before = {k: list(r) for k, r in plugins.registries().items()}
    with pytest.raises(PluginError, match=msg) as e: getattr(plmnb, register)(obj, **({} if 'no name' in msg else {'name': 'x'}))
    assert any(p in str(e.value) for p in ('A model source is', 'A progress panel is', 'An attention view is'))  # and what is right
    assert {k: list(r) for k, r in plugins.registries().items()} == before

def test_direct_assignment_is_checked_too():
    with pytest.raises(PluginError): VIEWS['x'] = 42
    with pytest.raises(PluginError): PANELS['x'] = object


# --- import stays light, entry points are read on first use ----------------------------------------------------------

def test_import_is_fast_and_lazy():
    code = ("import sys, plmnb, plmnb.plugins as p; f = plmnb.register_source; import plmnb.models as m; "
            "assert 'torch' not in sys.modules, 'torch'; assert p._all_entry_points.cache_info().currsize == 0; "
            "list(m.SOURCES); assert p._all_entry_points.cache_info().currsize == 1; assert 'torch' not in sys.modules")
    subprocess.run([sys.executable, '-c', code], check=True)


def test_plugins_imports_no_higher_layer():
    "The registry knows no Panel, View or ModelInfo: plugins.py imports nothing from the modules that own the registries."
    import ast
    tree = ast.parse(Path(plugins.__file__).read_text())
    mods = {(n.module or '') for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | \
           {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    higher = {'progress', 'panels', 'attention', 'views', 'models', 'picker', 'train', 'predict', 'data', 'cli'}
    assert not {m for m in mods if m.split('.')[-1] in higher}, mods
    assert {m for m in mods if 'plmnb' in m or m.startswith('.') or m == 'core'} <= {'core', 'plmnb.core'}, mods
