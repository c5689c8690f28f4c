"Faults of the progress view: bad arguments, and plugin panels that raise, hang around or are slow. Training always goes on."
import contextlib, io, time, warnings
import pytest
from plmnb.core import BadArgumentError, PluginError, PlmnbError
from plmnb.panels import CALLS, EVENTS, Panel, PANELS, StatsPanel, check_panel
from plmnb.plugins import PluginWarning
from plmnb.progress import LiveProgress

def run(panels, steps=20, step_s=0., evals=(10,), examples=(15,)):
    "A small run with every kind of event; returns the finished LiveProgress and the plugin warnings."
    with warnings.catch_warnings(record=True) as w, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter('always')
        lp = LiveProgress(total_steps=steps, progress='terminal', panels=panels, compare=False, print_every=.1)
        for i in lp.track(range(steps)):
            if step_s: time.sleep(step_s)
            lp.log(loss=1/(i+1), learning_rate=1e-3)
            if i + 1 in evals: lp.predict_step(2); lp.predict_step(2); lp.log(eval_loss=.5, eval_accuracy=.7)
            if i + 1 in examples: lp.log_examples([dict(text='x', true='a', pred='b')])
            if i + 1 == steps: lp.request_stop('test')  # the last step: the run ends as planned, and panels hear on_stop
        lp.png(); html = lp.snapshot_html()
    return lp, [x for x in w if issubclass(x.category, PluginWarning)], html

# -- bad arguments: a PlmnbError naming the value and the fix ----------------------------------------------------------------

@pytest.mark.parametrize('kw, err, words', [
    (dict(progress='fancy'), BadArgumentError, ["'fancy'", "'widget'", "'terminal'"]),
    (dict(redraw_every=0), BadArgumentError, ['redraw_every=0', '0.5']),
    (dict(redraw_every=-1), BadArgumentError, ['redraw_every=-1']),
    (dict(colour='red'), BadArgumentError, ["'colour'", 'help(LiveProgress)']),
    (dict(panels=[object]), PluginError, ['object', 'must subclass Panel']),
    (dict(panels=['stats']), PluginError, ["'stats'", 'must subclass Panel']),
])
def test_bad_arguments(kw, err, words):
    with pytest.raises(err) as e: LiveProgress(**kw)
    assert isinstance(e.value, PlmnbError) and all(w in str(e.value) for w in words), str(e.value)

# -- registering a wrong panel: a PluginError saying what is wrong and what is right -------------------------------------------

class NoArgs(Panel):
    def __init__(self, size): self.size = size
    def text(self): return 'x'
class WrongArgs(Panel):
    def on_evaluate(self, metrics): pass
class AxesNoDraw(Panel):
    n_axes = 2
    def text(self): return 'x'
class OldStyle(Panel):
    def on_event(self, kind, step, values): pass

@pytest.mark.parametrize('obj, words', [
    (StatsPanel(), ['instance', 'register its class, StatsPanel']),
    (NoArgs, ['NoArgs() needs arguments']),
    (WrongArgs, ['WrongArgs.on_evaluate has the wrong arguments', 'on_evaluate(self, step']),
    (AxesNoDraw, ['n_axes=2', 'no draw(axes)']),
    (OldStyle, ['on_event(kind, ...) is gone']),
    (Panel, ['overrides nothing']),
    (len, ['is not a progress panel']),
])
def test_wrong_panels_are_refused(obj, words):
    with pytest.raises(PluginError) as e: PANELS.register(obj, name='bad')
    assert all(w in str(e.value) for w in words) and 'subclass of plmnb.panels.Panel' in str(e.value), str(e.value)
    assert 'bad' not in PANELS

# -- panels that fail while training: switched off with one notice, the run goes on, the snapshot says so ---------------------

@pytest.mark.parametrize('meth', list(CALLS))
def test_a_panel_raising_in_any_method(meth):
    def boom(self, *a): raise ZeroDivisionError(f'boom in {meth}')
    Bad = type('Bad', (Panel,), {meth: boom, 'n_axes': 1 if meth == 'draw' else 0,
                                 **({'draw': boom} if meth == 'draw' else {'draw': lambda self, axes: None})})
    lp, w, html = run([StatsPanel, Bad])
    assert lp.finished and lp.global_step == 20 and len(lp.history) == 20 + 1
    assert len(w) == 1 and f'Bad.{meth}: ZeroDivisionError: boom in {meth}' in str(w[0].message)
    assert 'panel switched off: Bad.' in html and '20/20' in html

def test_a_panel_that_cannot_be_made():
    class Fussy(Panel):
        def __init__(self): raise RuntimeError('no GPU here')
        def text(self): return 'x'
    lp, w, html = run([StatsPanel, Fussy])
    assert "progress panel" in str(w[0].message)
    assert len(w) == 1 and 'Fussy(): RuntimeError: no GPU here' in str(w[0].message) and lp.global_step == 20
    assert 'panel switched off: Fussy()' in html

def test_n_axes_that_raises_leaves_the_image():
    class Odd(Panel):
        @property
        def n_axes(self): raise KeyError('axes')
        def draw(self, axes): pass
    lp, w, html = run(['curves' and PANELS['curves'], Odd])
    assert len(w) == 1 and 'Odd.n_axes: KeyError' in str(w[0].message) and 'data:image/png' in html

def test_a_slow_panel_is_switched_off_by_its_budget_for_the_run():
    "A panel taking 0.45 s an event (under any per-call limit) must not turn a ~2 s run into ~20 s: its total is budgeted."
    class Sluggish(Panel):
        def on_step_end(self): time.sleep(.45)
    t = time.perf_counter(); base, _, _ = run([StatsPanel], steps=40, step_s=.05); t_base = time.perf_counter() - t
    t = time.perf_counter(); lp, w, html = run([StatsPanel, Sluggish], steps=40, step_s=.05); t_slow = time.perf_counter() - t
    assert len(w) == 1 and 'Sluggish is too slow' in str(w[0].message) and lp.global_step == 40
    assert t_slow < t_base + 1.5, (t_base, t_slow)  # at most ~2 calls of 0.45 s, not 40
    assert 'panel switched off: Sluggish is too slow' in html

def test_many_small_slow_calls_add_up():
    "The budget is a total: 40 calls of 30 ms (each harmless alone) on a ~1 s run still switch the panel off."
    class Nibbler(Panel):
        def on_log(self, step, logs): time.sleep(.03)
    lp, w, _ = run([StatsPanel, Nibbler], steps=40, step_s=.02)
    assert len(w) == 1 and 'too slow' in str(w[0].message) and lp.panels[1].spent < 1.

def test_the_notice_names_the_registered_panel_and_its_origin():
    class Noisy(Panel):
        def on_log(self, step, logs): raise OSError('disk')
    PANELS.register(Noisy, name='noisy', origin='entry point noisy-pkg')
    try: lp, w, _ = run(None)
    finally: del PANELS['noisy']
    assert len(w) == 1 and "progress panel 'noisy' (entry point noisy-pkg) is switched off" in str(w[0].message), str(w[0].message)
    assert lp.global_step == 20

def test_a_cheap_panel_is_never_switched_off():
    class Cheap(Panel):
        def on_step_end(self): sum(range(100))
    lp, w, _ = run([StatsPanel, Cheap], steps=200)
    assert not w and lp.panels[1].error is None

def test_examples_function_that_raises_does_not_stop_training(tmp_path):
    import torch
    from transformers import Trainer
    from plmnb.progress import LiveProgressCallback
    import sys, os; sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
    from test_progress import tiny_bert, data, targs
    def examples(model): raise ValueError('tokenizer missing')
    cb = LiveProgressCallback(progress='none', examples=examples)
    with pytest.warns(RuntimeWarning, match='examples\\(model\\) failed.*ValueError: tokenizer missing'):
        Trainer(model=tiny_bert(), args=targs(tmp_path, max_steps=4, eval_strategy='steps', eval_steps=2), train_dataset=data(),
                eval_dataset=data(8), callbacks=[cb]).train()
    assert cb.lp.finished and cb.lp.global_step == 4 and cb.lp.history.eval_loss.notna().sum() == 2

def test_a_failing_drawing_keeps_the_run(monkeypatch):
    "matplotlib failing at the snapshot (a broken font, a full temp dir...) costs the picture, never the run or its history."
    from matplotlib.figure import Figure
    def broken(self, *a, **k): raise OSError('No space left on device')
    monkeypatch.setattr(Figure, 'savefig', broken)
    lp, w, html = run(None)
    assert lp.finished and len(lp.history) == 21 and 'data:image/png' not in html
    assert 'the curves could not be drawn (OSError: No space left on device)' in html and 'evaluation' in html
