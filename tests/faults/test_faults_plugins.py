"""Fault matrix, plugins (issue 13): a failing, slow or malformed plugin (model source, progress panel, attention view)
ends in a `PluginError` at registration or in ONE `PluginWarning` naming the plugin and its entry point (or package);
the host goes on and nothing already registered is lost. Plugins are installed as real packages (dist-info metadata
on sys.path), read through `importlib.metadata` as users' plugins are."""
import sys, textwrap, time, warnings
from pathlib import Path
import pytest
from plmnb import plugins
from plmnb.core import PluginError
from plmnb.plugins import Registry, PluginWarning

KINDS = ('sources', 'panels', 'views')


def make_registry(kind, group):
    "A registry of `kind` with its owner's check, reading a group no real package declares."
    if kind == 'panels':
        from plmnb.panels import Panel, check_panel
        return Registry('panels', check=check_panel, group=group)
    return Registry(kind, group=group)

GOOD = {  # one good plugin of each kind, as module source
    'sources': "class Src:\n    name = 'src'\n    def models(self, **kw): return iter(())\n",
    'panels': "from plmnb.panels import Panel\nclass Src(Panel):\n    def text(self): return 'hi'\n",
    'views': "def Src(att, **opts): return '<p>view</p>'\n",
}

@pytest.fixture
def install(tmp_path, monkeypatch):
    "install(kind, module_source, value='mod:Src', name='x', entry_points=None) -> (registry, group): a package on sys.path."
    n = [0]
    def _install(kind, source, value=None, name='x', entry_points=None):
        n[0] += 1
        pkg, group = f'faultpkg{n[0]}_{kind}', f'plmnb.faults-{kind}-{n[0]}'
        site = tmp_path/f'site{n[0]}'
        (site/pkg).mkdir(parents=True)
        (site/pkg/'__init__.py').write_text(source)
        info = site/f'{pkg}-0.1.dist-info'; info.mkdir()
        (info/'METADATA').write_text(f'Metadata-Version: 2.1\nName: {pkg}\nVersion: 0.1\n')
        (info/'entry_points.txt').write_text(entry_points or f'[{group}]\n{name} = {value or pkg + ":Src"}\n')
        monkeypatch.syspath_prepend(str(site))
        plugins._all_entry_points.cache_clear()
        return make_registry(kind, group), group, pkg
    yield _install
    for m in [m for m in sys.modules if m.startswith('faultpkg')]: del sys.modules[m]
    plugins._all_entry_points.cache_clear()

def read(reg):
    "Read the registry as a user would; the PluginWarnings it gave."
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        names = list(reg)
    return names, [str(x.message) for x in w if issubclass(x.category, PluginWarning)]


# --- entry points that fail: skipped with one notice naming the entry point and its package -------------------------

BROKEN = {  # what the plugin module does -> what the notice says
    'import error': ("import no_such_module_anywhere\n", 'ModuleNotFoundError'),
    'raises at import': ("raise RuntimeError('no GPU on this machine')\n", 'RuntimeError: no GPU on this machine'),
    'exits at import': ("import sys\nsys.exit(3)\n", 'SystemExit'),
    'syntax error': ("def broken(:\n", 'SyntaxError'),
}

@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('case', BROKEN)
def test_entry_point_that_fails_to_import(install, kind, case):
    src, says = BROKEN[case]
    reg, group, pkg = install(kind, src)
    names, msgs = read(reg)
    assert names == [] and len(msgs) == 1, msgs
    assert f"the {group} entry point 'x'" in msgs[0] and pkg in msgs[0] and 'failed to import' in msgs[0] and says in msgs[0]
    assert read(reg) == ([], [])  # said once: reading again says nothing more

@pytest.mark.parametrize('kind', KINDS)
def test_entry_point_naming_a_missing_object(install, kind):
    reg, group, pkg = install(kind, GOOD[kind], value=None, name='x', entry_points=None)
    reg2, group2, pkg2 = install(kind, GOOD[kind], entry_points=f'[plmnb.faults-missing-{kind}]\ny = faultpkg2_{kind}:NoSuchThing\n')
    reg2.group = f'plmnb.faults-missing-{kind}'
    names, msgs = read(reg2)
    assert names == [] and len(msgs) == 1 and 'AttributeError' in msgs[0] and "'y'" in msgs[0] and 'NoSuchThing' in msgs[0]
    assert read(reg)[0] == ['x']  # the good package next to it is unaffected

MALFORMED = {  # the plugin object is of the wrong shape -> the check's words
    'sources': [("Src = 'a string'\n", 'is not a model source'),
                ("class Src:\n    def __init__(self): raise OSError('drive not mounted')\n    def models(self, **kw): return []\n",
                 'Cannot make the model source Src(): OSError: drive not mounted'),
                ("class Src:\n    name = 's'\n    def models(self): return []\n", 'must accept **kw'),
                ("class Src:\n    @property\n    def models(self): raise KeyError('boom')\n",
                 'raised KeyError')],
    'panels': [("Src = 42\n", 'is not a progress panel'),
               ("from plmnb.panels import Panel\nclass Src(Panel): pass\n", 'overrides nothing'),
               ("from plmnb.panels import Panel\nclass Src(Panel):\n    def on_log(self): pass\n", 'wrong arguments'),
               ("from plmnb.panels import Panel\nclass Src(Panel):\n    def __init__(self, size): pass\n    def text(self): return ''\n",
                'needs arguments')],
    'views': [("Src = ['not', 'a', 'view']\n", 'is not an attention view'),
              ("def Src(): return ''\n", 'view(att)'),
              ("class Src:\n    name = 'v'\n    def html(self): return ''\n", 'html must be callable as html(att)'),
              ("class Src:\n    def __init__(self): raise ValueError('bad config')\n", 'Cannot make the view Src(): ValueError: bad config')],
}

@pytest.mark.parametrize('kind, src, says', [(k, s, w) for k, cases in MALFORMED.items() for s, w in cases])
def test_malformed_entry_point_is_skipped_with_the_protocol(install, kind, src, says):
    reg, group, pkg = install(kind, src)
    names, msgs = read(reg)
    assert names == [] and len(msgs) == 1, msgs
    assert f"entry point 'x'" in msgs[0] and pkg in msgs[0] and 'is skipped' in msgs[0] and says in msgs[0], msgs[0]

@pytest.mark.parametrize('kind', KINDS)
def test_entry_point_cannot_replace_a_registered_plugin(install, kind):
    reg, group, pkg = install(kind, GOOD[kind], name='builtin')
    from importlib import import_module
    keep = import_module(f'{pkg}').Src
    reg._read = True  # the owner registers its built-in first, as models/panels/views do at import
    own = {'sources': lambda **kw: iter(()), 'panels': None, 'views': lambda att: '<b>own</b>'}[kind]
    if kind == 'panels':
        from plmnb.panels import Panel
        own = type('Own', (Panel,), {'text': lambda self: 'own'})
    reg.register(own, 'builtin', origin='plmnb')
    reg._read = False
    names, msgs = read(reg)
    assert names == ['builtin'] and reg.meta['builtin']['origin'] == 'plmnb' and len(msgs) == 1
    assert 'already registered (plmnb)' in msgs[0] and pkg in msgs[0] and keep is not None

def test_slow_import_is_named_and_kept(install, monkeypatch):
    monkeypatch.setattr(plugins, 'SLOW_IMPORT', 0.05)
    reg, group, pkg = install('views', "import time\ntime.sleep(0.2)\n" + GOOD['views'])
    names, msgs = read(reg)
    assert names == ['x'] and len(msgs) == 1 and 'took' in msgs[0] and 'to import' in msgs[0] and pkg in msgs[0]

def test_broken_metadata_of_one_package_skips_only_it(install):
    reg, group, pkg = install('views', GOOD['views'])
    install('views', GOOD['views'], entry_points=f'[{group}]\nthis line has no equals sign\n')  # importlib.metadata raises on it
    names, msgs = read(reg)
    assert names == ['x'], names  # the good package's view is there
    assert len(msgs) == 1 and 'cannot be read' in msgs[0] and 'faultpkg2_views' in msgs[0]


# --- at registration: a PluginError that names the plugin, nothing registered ----------------------------------------

@pytest.mark.parametrize('how', ['register', 'setitem', 'update', 'setdefault'])
@pytest.mark.parametrize('kind', KINDS)
def test_every_door_is_checked(kind, how):
    reg = make_registry(kind, f'plmnb.faults-doors-{kind}')
    bad = object()
    doors = dict(register=lambda: reg.register(bad, 'bad'), setitem=lambda: reg.__setitem__('bad', bad),
                 update=lambda: reg.update(bad=bad), setdefault=lambda: reg.setdefault('bad', bad))
    with pytest.raises(PluginError, match='object object'): doors[how]()
    assert 'bad' not in reg and 'bad' not in reg.meta


# --- at run time: Registry.call keeps the host going ------------------------------------------------------------------

def test_raising_plugin_is_switched_off_once():
    reg = Registry('views', group='plmnb.faults-call')
    reg.register(lambda att: 1/0, 'zero', origin='entry point faultpkg')
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        outs = [reg.call('zero', reg['zero'], None, default='<box>', doing='drawing') for _ in range(3)]
    msgs = [str(x.message) for x in w if issubclass(x.category, PluginWarning)]
    assert outs == ['<box>'] * 3 and len(msgs) == 1
    assert msgs[0] == "plmnb: the views plugin 'zero' (entry point faultpkg) is switched off: drawing raised ZeroDivisionError: division by zero"
    assert reg.meta['zero']['off'] and 'zero' in reg  # still listed, marked off

def test_slow_plugin_over_its_total_budget_is_switched_off():
    reg = Registry('views', group='plmnb.faults-slow')
    calls = []
    def slow(att): calls.append(1); time.sleep(0.03); return '<p>'
    reg.register(slow, 'slow')
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        outs = [reg.call('slow', slow, None, default=None, budget=0.1) for _ in range(10)]
    msgs = [str(x.message) for x in w if issubclass(x.category, PluginWarning)]
    assert len(msgs) == 1 and 'too slow' in msgs[0] and 'budget of 0.1 s' in msgs[0]
    assert 3 <= len(calls) <= 5 and outs[:len(calls) - 1] == ['<p>'] * (len(calls) - 1) and outs[-1] is None

def test_ctrl_c_in_a_plugin_still_stops():
    reg = Registry('views', group='plmnb.faults-int')
    def interrupted(att): raise KeyboardInterrupt
    reg.register(interrupted, 'int')
    with pytest.raises(KeyboardInterrupt): reg.call('int', interrupted, None)
    assert not reg.meta['int'].get('off')

def test_new_kind_without_a_check_is_refused():
    with pytest.raises(PluginError, match="Registry\\('widgets'\\) needs check="): Registry('widgets')
