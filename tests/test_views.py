"Views without a browser: they show themselves in a plain IPython, their pictures are readable (labels, captions, CJK), pages are written whole."
import os, re, warnings
from dataclasses import replace
from pathlib import Path
import numpy as np, pytest
from plmnb.core import BadArgumentError, PlmnbError
from plmnb.models import load
from plmnb.attention import Attentions, attend, attend_generation
from plmnb.views import (Picture, heatmap, head_view, model_view, rollout_view, compare, diff, generation_view, show, to_html,
                         View, _lines_figure, _grid_figure)

@pytest.fixture(scope='module')
def bert(): return load('all-MiniLM-L6-v2', attn='eager', quiet=True)

@pytest.fixture(scope='module')
def a(bert): return attend(bert, 'The plot was thin, but the actors were wonderful.')

@pytest.fixture(scope='module')
def formatter():
    "IPython's display formatter as a fresh kernel has it: no %matplotlib magic, no pyplot (and no shell left behind)."
    from IPython.core.formatters import DisplayFormatter
    return DisplayFormatter()

def test_every_view_shows_itself_without_magic(formatter, bert, a):
    gpt = load('tiny-gpt2', 'text-generation', quiet=True)
    b = attend(bert, 'The plot was thin, but the actors were great.')
    shown = {'heatmap': heatmap(a, layer=2, head=3), 'head': head_view(a), 'model': model_view(a), 'rollout': rollout_view(a),
             'compare': compare(a, b), 'diff': diff(a, replace(a, model='other')),
             'generation': generation_view(attend_generation(gpt, 'Hello', 3)), 'attentions': a}
    for name, obj in shown.items():
        data, _ = formatter.format(obj)
        rich = set(data) - {'text/plain'}
        assert rich, f'{name} shows only {data["text/plain"]!r}'
        if 'image/png' in data: assert data['image/png'][:4] == b'\x89PNG' or isinstance(data['image/png'], str)
        if 'text/html' in data: assert 'class="plmnb-attn' in data['text/html']

def _texts(fig):
    fig.canvas.draw()
    return [t for t in fig.findobj(lambda o: hasattr(o, 'get_fontsize') and hasattr(o, 'get_text')) if t.get_text().strip()]

@pytest.mark.parametrize('kind', ['heatmap', 'lines', 'compare', 'grid'])
def test_pictures_have_readable_labels_and_a_caption(a, kind):
    "Every text in a static picture is >= 11 px at the 100 dpi it is shown at, and a caption names model, layer and heads."
    b = replace(a, model='second model')
    fig = {'heatmap': lambda: heatmap(a, 2, 3), 'lines': lambda: _lines_figure([a], 5, [0, 1], 0.0, False),
           'compare': lambda: _lines_figure([a, b], 'mean', [0], 0.0, False, labels=['first', 'second']),
           'grid': lambda: _grid_figure(a)}[kind]()
    assert isinstance(fig, Picture)
    texts = _texts(fig)
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() * Picture.dpi_shown / 72 < 11]
    assert not small, small
    caption = fig.get_supxlabel()
    assert a.model in caption, caption
    want = {'heatmap': 'layer 2, head 3', 'lines': 'layer 5, heads 0, 1', 'compare': 'mean of layers, head 0', 'grid': '6 layers × 12 heads'}[kind]
    assert want in caption, caption

def test_diff_labels(a):
    other = replace(a, weights=a.weights[::-1].copy(), model='layers reversed')
    h = diff(a, other, labels=['before', 'after']).html
    assert '"labels":["before","after"]' in h
    default = diff(a, replace(other, model=a.model)).html  # the same name twice: told apart
    assert 'first (all-MiniLM-L6-v2)' in default and 'second (all-MiniLM-L6-v2)' in default
    with pytest.raises(BadArgumentError, match='two names'): diff(a, other, labels=['only one'])

def test_chinese_draws_without_missing_glyphs():
    "With a CJK font installed (Debian fonts-noto-cjk), heatmaps draw Chinese tokens as characters, not boxes."
    from matplotlib import font_manager as fm
    if not any('CJK' in f.name for f in fm.fontManager.ttflist):
        pytest.skip('no CJK font installed (apt-get install fonts-noto-cjk): core.use_fonts says so once')
    toks = list('这部电影很好看，演员们都很出色。')
    T = len(toks)
    w = np.full((1, 1, T, T), 1 / T, np.float32)
    att = Attentions(toks, toks, w, np.zeros(T, bool), model='中文模型')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        for fig in (heatmap(att), _lines_figure([att], 0, [0], 0.0, False)): fig._repr_png_()
    missing = [str(c.message) for c in caught if 'missing' in str(c.message).lower()]
    assert not missing, missing[:3]

def test_to_html_page_has_title_and_is_written_whole(a, tmp_path):
    p = a.to_html(tmp_path/'page.html')
    text = p.read_text(encoding='utf-8')
    assert re.search(r'<title>Attention of all-MiniLM-L6-v2: “The plot was thin', text)
    assert '<h1 class="plmnb-attn-heading">' in text
    assert sorted(os.listdir(tmp_path)) == ['page.html']  # no temporary file left
    mask = os.umask(0); os.umask(mask)
    assert p.stat().st_mode & 0o777 == 0o666 & ~mask

def test_a_failed_write_keeps_the_previous_page(a, tmp_path, monkeypatch):
    p = a.to_html(tmp_path/'page.html')
    before = p.read_text(encoding='utf-8')
    def full(*args, **kw): raise OSError(28, 'No space left on device')
    monkeypatch.setattr(os, 'fsync', full)
    with pytest.raises(PlmnbError, match='No space left'):
        a.to_html(tmp_path/'page.html', layer=3)
    assert p.read_text(encoding='utf-8') == before
    assert sorted(os.listdir(tmp_path)) == ['page.html']

def test_save_picture_formats(a, tmp_path):
    v = head_view(a, png=False)
    for suffix in ('png', 'svg', 'pdf'):
        assert v.save(tmp_path/f'v.{suffix}').stat().st_size > 1000
    assert sorted(os.listdir(tmp_path)) == ['v.pdf', 'v.png', 'v.svg']
