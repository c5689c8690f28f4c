"Bad input to attention and its views: each ends in a PlmnbError naming the culprit and the fix; pages already written stay whole."
import os, warnings
from dataclasses import replace
import numpy as np, pytest
from plmnb.core import PlmnbError, BadArgumentError, UnsupportedTaskError
from plmnb.models import load
from plmnb.attention import attend, attend_generation, rollout, words, rank_heads, matrix
from plmnb.views import (head_view, model_view, rollout_view, compare, diff, generation_view, heatmap, show, to_html, VIEWS)

@pytest.fixture(scope='module')
def bert(): return load('tiny-bert', quiet=True)

@pytest.fixture(scope='module')
def gpt(): return load('tiny-gpt2', 'text-generation', quiet=True)

@pytest.fixture(scope='module')
def t5():
    return load('tiny-t5', 'text2text-generation', quiet=True)

@pytest.fixture(scope='module')
def a(bert): return attend(bert, 'A short test sentence.')

@pytest.fixture(scope='module')
def s2s(t5): return attend(t5, 'The cat sat on the mat.', target='Le chat.')

# name, what to call (given the fixtures), error type, regex the message must match: the culprit and the fix
CASES = [
    ('text None', lambda f: attend(f['bert'], None), BadArgumentError, r"text=None: pass a string or a non-empty list"),
    ('text empty list', lambda f: attend(f['bert'], []), BadArgumentError, r"text=\[\]: pass a string"),
    ('text numbers', lambda f: attend(f['bert'], [1, 2]), BadArgumentError, r"text=\[1, 2\]"),
    ('text_b count', lambda f: attend(f['bert'], ['a', 'b'], ['x', 'y', 'z']), BadArgumentError, r"2 texts but 3 text_b"),
    ('model not Loaded', lambda f: attend(f['bert'].model, 'hi'), BadArgumentError, r"not a BertModel.*Loaded\.from_model"),
    ('target on an encoder', lambda f: attend(f['bert'], 'hi', target='ho'), BadArgumentError, r"target= is for encoder-decoder"),
    ('seq2seq batch', lambda f: attend(f['t5'], ['a', 'b']), BadArgumentError, r"one source text and one target"),
    ('seq2seq pair', lambda f: attend(f['t5'], 'a', 'b'), BadArgumentError, r"one source text and one target"),
    ('generation task', lambda f: attend_generation(f['bert'], 'hi'), UnsupportedTaskError, r"'text-generation', not 'feature-extraction'.*load\("),
    ('generation too long', lambda f: attend_generation(f['gpt'], 'hi', max_new_tokens=10_000), BadArgumentError,
     r"max_new_tokens=10000: .* reads at most \d+ tokens"),
    ('generation zero', lambda f: attend_generation(f['gpt'], 'hi', max_new_tokens=0), BadArgumentError, r"max_new_tokens=0"),
    ('layer too big', lambda f: head_view(f['a'], layer=9), BadArgumentError, r"layer=9: the model has 2 layers \(0\.\.1\)"),
    ('layer word', lambda f: head_view(f['a'], layer='last'), BadArgumentError, r"layer='last'.*'mean', 'rollout'"),
    ('layer bool', lambda f: matrix(f['a'], True), BadArgumentError, r"layer=True"),
    ('head too big', lambda f: head_view(f['a'], heads=[0, 7]), BadArgumentError, r"heads=\[7\]: the model has \d heads"),
    ('heatmap head', lambda f: heatmap(f['a'], 0, head=99), BadArgumentError, r"head=99"),
    ('unknown view', lambda f: show(f['a'], 'haed'), BadArgumentError, r"Unknown attention view 'haed'.*Did you mean 'head'"),
    ('compare nothing', lambda f: compare(f['a'], None), BadArgumentError, r"compare needs other=<Attentions>"),
    ('diff nothing', lambda f: diff(f['a'], 'text'), BadArgumentError, r"diff needs other=<Attentions>"),
    ('diff other text', lambda f: diff(f['a'], attend(f['bert'], 'Another one.')), BadArgumentError, r"different tokens.*`compare`"),
    ('diff other shape', lambda f: diff(f['a'], replace(f['a'], weights=f['a'].weights[:1])), BadArgumentError,
     r"same shape: 2×\d vs 1×\d.*Use `compare`"),
    ('diff labels', lambda f: diff(f['a'], f['a'], labels=['one']), BadArgumentError, r"labels=\['one'\]: pass two names"),
    ('heatmap minus', lambda f: heatmap(f['a'], minus=attend(f['bert'], 'Else.')), BadArgumentError, r"different tokens"),
    ('generation view', lambda f: generation_view(f['a']), BadArgumentError, r"no generated tokens.*attend_generation"),
    ('rollout of cross', lambda f: rollout(f['s2s'].cross), BadArgumentError, r"rollout needs self-attention.*\.encoder or \.decoder"),
    ('words of cross', lambda f: words(f['s2s'].cross), BadArgumentError, r"words needs self-attention"),
    ('rank cross', lambda f: rank_heads(f['s2s'].cross), BadArgumentError, r"rank_heads needs self-attention"),
    ('rollout view of cross', lambda f: rollout_view(f['s2s'], part='cross'), BadArgumentError, r"rollout needs self-attention"),
    ('bad part', lambda f: head_view(f['s2s'], part='middle'), BadArgumentError, r"part='middle': use one of encoder, decoder, cross"),
    ('part of encoder', lambda f: head_view(f['a'], part='cross'), BadArgumentError, r"part= is for encoder-decoder"),
    ('rank score', lambda f: rank_heads(f['a'], 'entropie'), BadArgumentError, r"Unknown head score 'entropie'.*entropy"),
    ('save gif', lambda f: head_view(f['a'], png=False).save(f['tmp']/'v.gif'), BadArgumentError, r"as '\.gif': use \.html, \.png"),
    ('save no suffix', lambda f: head_view(f['a'], png=False).save(f['tmp']/'v'), BadArgumentError, r"without suffix"),
    ('page into folder', lambda f: to_html(f['a'], f['tmp']), BadArgumentError, r"is a folder: pass a file name"),
    ('page in missing folder', lambda f: to_html(f['a'], f['tmp']/'nope'/'a.html'), BadArgumentError, r"nope does not exist"),
    ('page under a file', lambda f: to_html(f['a'], f['tmp']/'afile.txt'/'a.html'), BadArgumentError, r"afile\.txt is a file, not a folder"),
]

@pytest.mark.parametrize('name,call,err,msg', CASES, ids=[c[0] for c in CASES])
def test_bad_input(name, call, err, msg, bert, gpt, t5, a, s2s, tmp_path):
    (tmp_path/'afile.txt').write_text('keep me')
    (tmp_path/'old.html').write_text('the previous page')
    fixtures = dict(bert=bert, gpt=gpt, t5=t5, a=a, s2s=s2s, tmp=tmp_path)
    with pytest.raises(err, match=msg): call(fixtures)
    assert (tmp_path/'afile.txt').read_text() == 'keep me' and (tmp_path/'old.html').read_text() == 'the previous page'
    assert sorted(os.listdir(tmp_path)) == ['afile.txt', 'old.html']  # nothing half-written left behind
    assert bert.model.config._attn_implementation == 'sdpa'  # the model is as it was

@pytest.mark.parametrize('errno,why', [(28, 'No space left on device'), (13, 'Permission denied'), (5, 'Input/output error')])
def test_write_fault_keeps_the_previous_page(a, tmp_path, monkeypatch, errno, why):
    page = to_html(a, tmp_path/'page.html')
    before = page.read_bytes()
    def fail(*args, **kw): raise OSError(errno, why)
    monkeypatch.setattr(os, 'replace' if errno == 13 else 'fsync', fail)
    with pytest.raises(PlmnbError, match=f"Could not write .*page.html: {why}.*Nothing was changed"):
        to_html(a, tmp_path/'page.html', layer=1)
    assert page.read_bytes() == before and sorted(os.listdir(tmp_path)) == ['page.html']

@pytest.mark.parametrize('plugin,why', [(lambda att: 1 / 0, 'ZeroDivisionError'), (lambda att: 42, 'returned a int'),
                                        (lambda att, **o: None, 'returned a NoneType')])
def test_a_failing_plugin_view_is_an_error_box_and_the_page_is_written(a, tmp_path, plugin, why):
    VIEWS.register(plugin, 'bad-plugin', page=True)
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            text = to_html(a, tmp_path/'p.html', png=False).read_text()
        assert 'plmnb-attn-error' in text and why in text and 'class="plmnb-attn"' in text
        assert sum('bad-plugin' in str(x.message) for x in w) == 1
    finally: del VIEWS['bad-plugin']

def test_hostile_token_text_stays_text(bert, tmp_path):
    evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)> ${x} \u202e'
    h = head_view(attend(bert, evil)).html
    assert h.count('<script') == 2 and '<img src=x' not in h
    page = to_html(attend(bert, evil), tmp_path/'evil.html').read_text()
    assert '<title>Attention of' in page and '<script>alert' not in page
