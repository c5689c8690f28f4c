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

def open_page(browser, path):
    "Open `path`; return (page, log) where log records requests, console errors, dialogs and page errors."
    page = browser.new_page(viewport={'width': 1100, 'height': 900})
    log = {'requests': [], 'errors': [], 'dialogs': []}
    page.on('request', lambda r: log['requests'].append(r.url))
    page.on('console', lambda m: m.type == 'error' and log['errors'].append(m.text))
    page.on('pageerror', lambda e: log['errors'].append(str(e)))
    page.on('dialog', lambda d: (log['dialogs'].append(d.message), d.dismiss()))
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_selector('.pa-app canvas', timeout=10_000)
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
