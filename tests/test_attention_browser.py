"Browser checks of the attention views: Debian chromium, headless, opened from a file, no network."
from dataclasses import replace
from pathlib import Path
import pytest

CHROMIUM = '/usr/bin/chromium'
if not Path(CHROMIUM).exists(): pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)', allow_module_level=True)
sync_api = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')

from plmnb.models import load
from plmnb.attention import attend, attend_generation
from plmnb.views import compare, diff

ART = Path(__file__).parent.parent/'artifacts'
EVIL = '</script><script>alert(1)</script> <img src=x onerror=alert(2)> "quo\'tes" back\\slash 😀 שלום עולם a\u200bb'

@pytest.fixture(scope='module')
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'])
        yield b
        b.close()

@pytest.fixture(scope='module')
def bert(): return load('all-MiniLM-L6-v2', attn='eager', quiet=True)

def open_page(browser, path, ready='.pa-app canvas'):
    "Open `path`, wait for `ready`; return (page, log) where log records requests, console errors, dialogs and page errors."
    page = browser.new_page(viewport={'width': 1100, 'height': 900})
    log = {'requests': [], 'errors': [], 'dialogs': []}
    page.on('request', lambda r: log['requests'].append(r.url))
    page.on('console', lambda m: m.type == 'error' and log['errors'].append(m.text))
    page.on('pageerror', lambda e: log['errors'].append(str(e)))
    page.on('dialog', lambda d: (log['dialogs'].append(d.message), d.dismiss()))
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_selector(ready, timeout=10_000)
    page.wait_for_timeout(200)
    return page, log

def canvas_pixels(page, sel='.pa-mid canvas'):
    return page.evaluate(f"""() => {{const c = document.querySelector('{sel}');
        return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)}}""")

def assert_clean(log):
    assert all(u.startswith(('file://', 'data:', 'blob:')) for u in log['requests']), log['requests']
    assert not log['errors'], log['errors']
    assert not log['dialogs'], log['dialogs']

def test_head_view_draws_and_hovers(browser, bert, tmp_path):
    a = attend(bert, 'The quick brown fox jumps over the lazy dog because it was unbelievably bored.')
    page, log = open_page(browser, a.to_html(tmp_path/'head.html', layer=2, heads=[0, 3, 7]))
    assert page.evaluate("() => getComputedStyle(document.querySelector('.pa-fallback')).display") == 'none'
    before = canvas_pixels(page)
    assert any(before[3::4]), 'the head view canvas is empty'
    page.screenshot(path=str(ART/'attention_head.png'), full_page=True)
    page.hover('.pa-left .pa-tok:nth-child(5)')
    page.wait_for_timeout(100)
    after = canvas_pixels(page)
    assert after != before, 'hovering a token did not change the drawing'
    assert 0 < sum(1 for v in after[3::4] if v) < sum(1 for v in before[3::4] if v)
    page.screenshot(path=str(ART/'attention_head_hover.png'), full_page=True)
    assert_clean(log)

def test_malicious_text_runs_nothing(browser, bert, tmp_path):
    a = attend(bert, EVIL)
    path = a.to_html(tmp_path/'evil.html')
    page, log = open_page(browser, path)
    page.hover('.pa-left .pa-tok:nth-child(3)')
    texts = page.evaluate("() => Array.from(document.querySelectorAll('.pa-left .pa-tok')).map(e => e.textContent)")
    assert texts == a.display
    assert page.evaluate("() => document.querySelectorAll('.plmnb-attn img:not(.pa-fallback), .plmnb-attn script').length") == 2
    page.screenshot(path=str(ART/'attention_evil.png'), full_page=True)
    assert_clean(log)

def test_every_view_renders(browser, bert, tmp_path):
    a, b = attend(bert, ['The movie was great.', 'The film was great.'])
    gpt = load('tiny-gpt2', 'text-generation', quiet=True)
    views = {'model': a.model_view(), 'rollout': a.rollout_view(), 'compare': compare(a, b, labels=['movie', 'film']),
             'diff': diff(a, replace(a, weights=a.weights[::-1].copy(), model='layers reversed'), heads=[0, 1]),
             'gen': attend_generation(gpt, 'Hello world', 6).generation_view(),
             'causal': attend(gpt, 'A causal model sees only the past').head_view(heads=[0])}
    # all views on one page: the shared script is defined once and the views must not disturb each other
    page_html = tmp_path/'all.html'
    from plmnb.views import _PAGE
    page_html.write_text(_PAGE.format(title='all', body='\n'.join(v.html for v in views.values())), encoding='utf-8')
    page, log = open_page(browser, page_html)
    page.wait_for_selector('.pa-flow', timeout=10_000)
    assert page.evaluate("() => document.querySelectorAll('.pa-app').length") == len(views)
    assert page.evaluate("() => document.querySelectorAll('.pa-thumb').length") == a.n_layers * a.n_heads
    page.click('.pa-thumb >> nth=15')  # layer 1, head 3
    assert page.evaluate("() => document.querySelector('.pa-app select').value") == '1'
    page.hover('.pa-left .pa-tok >> nth=-3')  # the causal view is last: later tokens are struck out
    page.screenshot(path=str(ART/'attention_views.png'), full_page=True)
    assert_clean(log)

# JupyterLab's own theme colours (from @jupyterlab/theme-light-extension and theme-dark-extension)
THEMES = {'light': {'--jp-layout-color0': 'white', '--jp-layout-color1': 'white', '--jp-layout-color2': '#eee',
                    '--jp-content-font-color1': 'rgba(0,0,0,.87)', '--jp-content-font-color2': 'rgba(0,0,0,.54)',
                    '--jp-content-font-color3': 'rgba(0,0,0,.38)', '--jp-border-color1': '#bdbdbd',
                    '--jp-border-color2': '#e0e0e0', '--jp-warn-color2': '#ffb74d', '--jp-brand-color1': '#1976d2'},
          'dark': {'--jp-layout-color0': '#111', '--jp-layout-color1': '#212121', '--jp-layout-color2': '#424242',
                   '--jp-content-font-color1': '#fff', '--jp-content-font-color2': 'rgba(255,255,255,.7)',
                   '--jp-content-font-color3': 'rgba(255,255,255,.5)', '--jp-border-color1': '#616161',
                   '--jp-border-color2': '#424242', '--jp-warn-color2': '#ffb74d', '--jp-brand-color1': '#2196f3'}}

CONTRAST = """els => {
  const rgb = s => { const m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1] };
  const lum = c => { const f = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4 };
                     return .2126 * f(c[0]) + .7152 * f(c[1]) + .0722 * f(c[2]) };
  const bg = e => { const layers = [];
    for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] >= 1) break }
    let out = [255, 255, 255]; for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]); return out };
  return els.filter(e => e.offsetParent).map(e => { const b = bg(e), f = rgb(getComputedStyle(e).color);
    const fg = b.map((v, i) => v * (1 - f[3]) + f[i] * f[3]);
    const [l1, l2] = [lum(fg), lum(b)].sort((x, y) => y - x); return [e.textContent, (l1 + .05) / (l2 + .05)] });
}"""

def themed_page(path, views, theme):
    from plmnb.views import _PAGE
    css = ';'.join(f'{k}:{v}' for k, v in THEMES[theme].items())
    body = f'<div style="{css};background:var(--jp-layout-color0);padding:8px">' + '\n'.join(v.html for v in views) + '</div>'
    path.write_text(_PAGE.format(title=f'plmnb views, {theme}', body=body).replace('<body>', f'<body style="{css};background:var(--jp-layout-color0)">'),
                    encoding='utf-8')
    return path

@pytest.fixture(scope='module')
def all_views(bert):
    from plmnb.views import heatmap
    a, b = attend(bert, ['The movie was great.', 'The film was great.'])
    gpt = load('tiny-gpt2', 'text-generation', quiet=True)
    t5 = load('tiny-t5', 'text2text-generation', quiet=True)
    return {'head': a.head_view(layer=2), 'model': a.model_view(), 'rollout': a.rollout_view(),
            'compare': compare(a, b, labels=['movie', 'film']),
            'diff': diff(a, replace(a, weights=a.weights[::-1].copy(), model='layers reversed'), labels=['as is', 'reversed'], heads=[0, 1]),
            'generation': attend_generation(gpt, 'Hello world', 6).generation_view(),
            'seq2seq': attend(t5, 'The cat sat on the mat.', target='Le chat.').head_view(),
            'seq2seq_model': attend(t5, 'The cat sat on the mat.', target='Le chat.').model_view(),
            'seq2seq_generation': attend(t5, 'The cat sat on the mat.').generation_view()}

@pytest.mark.parametrize('theme', ['light', 'dark'])
def test_views_read_in_light_and_dark(browser, all_views, tmp_path, theme):
    "Each view on a page themed like JupyterLab Light / Dark: drawn, no error, every token and label readable (contrast >= 4.5)."
    out = ART/'views'; out.mkdir(parents=True, exist_ok=True)
    for name, v in all_views.items():
        page, log = open_page(browser, themed_page(tmp_path/f'{name}-{theme}.html', [v], theme),
                              '.pa-flow' if 'generation' in name else '.pa-app canvas')
        page.screenshot(path=str(out/f'{name}_{theme}.png'), full_page=True)
        ratios = page.evaluate(CONTRAST, page.query_selector_all('.pa-tok:not(.pa-special), .pa-g, .pa-bar label, .pa-title, h1, h4'))
        low = [(t, round(r, 2)) for t, r in ratios if t.strip() and r < 4.5]
        assert ratios and not low, f'{name} ({theme}): low contrast {low[:5]}'
        special = page.evaluate(CONTRAST, page.query_selector_all('.pa-special, .pa-note'))
        assert not [(t, r) for t, r in special if t.strip() and r < 3], f'{name} ({theme}): special tokens/notes unreadable'
        if theme == 'dark':  # no white box: the view's background is the theme's
            assert page.evaluate("() => getComputedStyle(document.querySelector('.plmnb-attn')).backgroundColor") == 'rgb(17, 17, 17)'
        assert_clean(log)

def test_compare_linked_hover(browser, all_views, tmp_path):
    page, log = open_page(browser, themed_page(tmp_path/'compare.html', [all_views['compare']], 'light'))
    panels = page.query_selector_all('.pa-panel')
    assert len(panels) == 2
    tok = panels[0].query_selector_all('.pa-left .pa-tok')[4]  # 'great' in 'The movie was great.'
    word = tok.text_content()
    tok.hover(); page.wait_for_timeout(100)
    focus = panels[1].query_selector_all('.pa-left .pa-focus')
    assert [f.text_content() for f in focus] == [word], 'hovering a token did not highlight it in the other panel'
    page.screenshot(path=str(ART/'views'/'compare_linked_hover.png'), full_page=True)
    page.mouse.move(0, 0); page.wait_for_timeout(100)
    assert not panels[1].query_selector_all('.pa-focus')
    assert_clean(log)

def test_first_paint_and_sizes_for_the_tour_sentence(browser, bert, tmp_path):
    "Time to first paint of each view in Chromium and each view's HTML size, for the tour's sentence (printed for the report)."
    from plmnb.views import rollout_view, model_view, head_view
    a = attend(bert, 'The plot was thin, but the actors were wonderful.')
    b = replace(a, weights=a.weights[::-1].copy(), model='layers reversed')
    views = {'head': head_view(a, layer=5, heads=[0, 1, 2, 3]), 'model': model_view(a), 'rollout': rollout_view(a),
             'compare': compare(a, b), 'diff': diff(a, b)}
    rows = []
    for name, v in views.items():
        path = v.to_html(tmp_path/f'{name}.html')
        page = browser.new_page(viewport={'width': 1100, 'height': 900})
        page.goto(path.as_uri())
        t = page.wait_for_function("() => document.querySelector('.pa-app canvas') && performance.now()", polling='raf').json_value()
        rows.append((name, len(v.html), t))
        page.close()
        assert t < 5000, (name, t)
    print('\nview        HTML KB   first paint ms')
    for name, size, t in rows: print(f'{name:<10}{size / 1e3:>9.0f}{t:>16.0f}')
