"Attention extraction and views: what the notebook tests badly (every family, batches, sizes, safety)."
import json, re, time, warnings
import numpy as np, pytest, torch
from plmnb.models import load
from plmnb.core import BadArgumentError
from plmnb.attention import attend, attend_generation, rollout, words, rank_heads, Attentions, eager_attention, display_token
from plmnb.views import heatmap, head_view, model_view, compare, diff, pack, unpack, VIEWS, show

FAMILIES = [('tiny-bert', 'feature-extraction'), ('tiny-roberta', 'feature-extraction'), ('tiny-albert', 'feature-extraction'),
            ('tiny-distilbert', 'feature-extraction'), ('tiny-gpt2', 'text-generation')]

@pytest.fixture(scope='module')
def bert(): return load('all-MiniLM-L6-v2', attn='eager', quiet=True)

def eager_reference(loaded, text, text_b=None):
    enc = loaded.tokenizer(text, text_b, return_tensors='pt')
    with eager_attention(loaded.model), torch.no_grad():
        return torch.stack(loaded.model(**enc, output_attentions=True).attentions, 1)[0].numpy()

@pytest.mark.parametrize('name,task', FAMILIES)
def test_every_family_matches_eager_and_restores_sdpa(name, task):
    m = load(name, task, quiet=True)
    assert m.model.config._attn_implementation == 'sdpa'
    text = 'Hello unbelievable wörld 😀'
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        a = attend(m, text)
    assert m.model.config._attn_implementation == 'sdpa'  # switched back, not reloaded
    assert not [x for x in w if 'attention' in str(x.message).lower()]  # no sdpa/eager warning reaches the user
    ref = eager_reference(m, text)
    np.testing.assert_allclose(a.weights, ref, atol=1e-6)
    np.testing.assert_allclose(a.weights.sum(-1), 1, atol=1e-4)
    assert a.causal == (name == 'tiny-gpt2')
    assert len(a.tokens) == len(a.display) == a.n_tokens == len(a.special)
    assert not any(t.startswith(('##', 'Ġ', '▁')) for t in a.display)
    if a.causal: assert np.abs(np.triu(a.weights, 1)).max() == 0

def test_display_forms():
    assert display_token('Ġunbeliev', 'bytelevel') == 'unbeliev'
    assert display_token('ðŁĺĢ', 'bytelevel') == '😀'
    assert display_token('##able', 'wordpiece') == 'able'
    assert display_token('▁hello', 'metaspace') == 'hello'

def test_pair_segments_and_special(bert):
    a = attend(bert, 'Where is it?', 'Here.')
    assert a.special.tolist() == [t in ('[CLS]', '[SEP]') for t in a.tokens]
    assert a.segments.tolist()[:a.tokens.index('[SEP]') + 1] == [0] * (a.tokens.index('[SEP]') + 1)
    assert a.segments[-1] == 1
    r = load('tiny-roberta', quiet=True)
    p = attend(r, 'Where is it?', 'Here.')
    assert p.segments[0] == 0 and p.segments[-1] == 1
    assert attend(bert, 'One text.').segments is None

@pytest.mark.parametrize('name,task', [('all-MiniLM-L6-v2', 'feature-extraction'), ('tiny-gpt2', 'text-generation')])
def test_batch_removes_padding(name, task):
    m = load(name, task, attn='eager' if 'MiniLM' in name else None, quiet=True)
    texts = ['Short one.', 'A much longer sentence with quite a few more tokens in it.', 'Mid length text here.']
    batch = attend(m, texts)
    assert isinstance(batch, list) and len(batch) == 3
    for t, b in zip(texts, batch):
        single = attend(m, t)
        assert b.tokens == single.tokens
        np.testing.assert_allclose(b.weights, single.weights, atol=1e-5)

def test_rollout_by_hand():
    # 1 layer, 2 heads, 3 tokens; the heads' mean M, A' = .5M + .5I, row-normalised
    h0 = [[1, 0, 0], [.5, .5, 0], [0, .5, .5]]; h1 = [[0, 1, 0], [.5, 0, .5], [1, 0, 0]]
    a = Attentions(['a', 'b', 'c'], ['a', 'b', 'c'], np.array([[h0, h1]], np.float32), np.zeros(3, bool))
    np.testing.assert_allclose(rollout(a), [[.75, .25, 0], [.25, .625, .125], [.25, .125, .625]], atol=1e-6)

def test_words_merge(bert):
    a = attend(bert, 'An unbelievable tokenization')
    assert len(a.tokens) > 5
    w = words(a)
    assert w.display == ['[CLS]', 'An', 'unbelievable', 'tokenization', '[SEP]']
    np.testing.assert_allclose(w.weights.sum(-1), 1, atol=1e-4)
    # attention received by a word = sum over its tokens (for the [CLS] row)
    g = [i for i, k in enumerate(a.words) if k == a.words[2]]
    np.testing.assert_allclose(w.weights[:, :, 0, 2], a.weights[:, :, 0, g].sum(-1), atol=1e-6)
    gpt = load('tiny-gpt2', 'text-generation', quiet=True)
    assert words(attend(gpt, 'Hello wonderful world')).display == ['Hello', 'wonderful', 'world']

def test_rank_heads(bert):
    a = attend(bert, 'The cat sat on the mat.')
    for by in ('entropy', 'special', 'previous', 'self'):
        r = rank_heads(a, by)
        assert len(r) == 72 and {(s.layer, s.head) for s in r} == {(l, h) for l in range(6) for h in range(12)}
        sc = [s.score for s in r]
        assert sc == sorted(sc, reverse=by != 'entropy')
    with pytest.raises(BadArgumentError, match='entropy'): rank_heads(a, 'entropie')

def test_generation_matches_generate_steps():
    gpt = load('tiny-gpt2', 'text-generation', quiet=True)
    g = attend_generation(gpt, 'Hello world', max_new_tokens=4)
    enc = gpt.tokenizer('Hello world', return_tensors='pt')
    with eager_attention(gpt.model), torch.no_grad():
        out = gpt.model.generate(**enc, max_new_tokens=4, do_sample=False, output_attentions=True, return_dict_in_generate=True,
                                 pad_token_id=gpt.tokenizer.pad_token_id)
    assert out.sequences[0].tolist() == gpt.tokenizer.convert_tokens_to_ids(g.tokens)
    for k, step in enumerate(out.attentions[1:], 1):  # step k: one new query row, position P+k-1
        q = g.prompt_len + k - 1
        for l, layer in enumerate(step):
            np.testing.assert_allclose(g.weights[l, :, q, :q + 1], layer[0, :, -1, :].numpy(), atol=1e-5)

def test_heatmap_and_exports(bert, tmp_path):
    a = attend(bert, 'A $x$ token and \\frac text.')
    fig = heatmap(a, 1, 2); assert fig._repr_png_()[:4] == b'\x89PNG'
    heatmap(a, 'rollout'); heatmap(a, 'mean', minus=a)
    v = head_view(a, heads=[1], png=False)
    for suffix in ('png', 'svg', 'html'):
        p = v.save(tmp_path/f'v.{suffix}'); assert p.stat().st_size > 1000
    with pytest.raises(BadArgumentError): v.save(tmp_path/'v.gif')

def test_html_is_safe_and_unique(bert):
    evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)> "\'\\ 😀 שלום \u200b'
    a = attend(bert, evil)
    h = a.head_view().html
    assert h.count('<script') == 2 and h.count('</script>') == 2  # our data + our code, nothing from the text
    assert '<img src=x' not in h and 'onerror=alert' not in h.replace('onerror\\u003d', '')
    data = re.search(r'<script type="application/json">(.*?)</script>', h, re.S).group(1)
    assert json.loads(data)['items'][0]['raw'] == a.tokens
    ids = re.findall(r'id="(plmnb-attn-[0-9a-f]+)"', h + a.head_view(png=False).html)
    assert len(set(ids)) == 2

def test_pack_roundtrip_and_no_float_json(bert):
    a = attend(bert, 'Some text to pack.')
    np.testing.assert_allclose(unpack(pack(a.weights), a.weights.shape), a.weights, atol=0.005)
    h = model_view(a, png=False).html
    assert not re.search(r'\d\.\d{5,}', h)  # no long floats anywhere

def test_registry_and_errors(bert):
    assert {'head', 'model', 'rollout', 'compare', 'diff', 'generation'} <= set(VIEWS)
    a = attend(bert, 'Hi there.')
    VIEWS['tokens'] = lambda att, **o: '<p>' + str(att.n_tokens) + '</p>'
    try: assert show(a, 'tokens')._repr_html_() == '<p>5</p>'
    finally: del VIEWS['tokens']
    with pytest.raises(BadArgumentError, match='head'): show(a, 'haed')
    with pytest.raises(BadArgumentError): compare(a, None)
    with pytest.raises(BadArgumentError, match='different tokens'): diff(a, attend(bert, 'Hello there.'))
    assert a._repr_markdown_().startswith('**Attentions**') and '<details>' in a._repr_markdown_()
    assert a._repr_html_().startswith('<div class="plmnb-attn"')

def cpu_time(f, repeat=3):
    "Best CPU seconds of this process over `repeat` calls (torch runs one thread here): steady on a shared machine."
    best = 1e9
    for _ in range(repeat):
        t = time.process_time(); f(); best = min(best, time.process_time() - t)
    return best

def bare_and_ours(loaded, text):
    "(bare eager forward pass with output_attentions=True, attend + head view) in CPU seconds."
    enc = loaded.tokenizer(text, return_tensors='pt')
    def bare():
        with eager_attention(loaded.model), torch.no_grad(): loaded.model(**enc, output_attentions=True)
    bare(); attend(loaded, text).head_view()  # warm up
    return cpu_time(bare), cpu_time(lambda: attend(loaded, text).head_view())

def test_size_and_speed_128_tokens(bert):
    "attend + head view of 128 tokens: a small page, and at most 0.35 CPU s (mostly its static PNG) over twice the bare pass."
    text = ' '.join(['the quick brown fox jumps over the lazy dog'] * 14)
    assert 120 <= attend(bert, text).n_tokens <= 140
    assert len(attend(bert, text).head_view().html) < 3e6
    t_bare, t_ours = bare_and_ours(bert, text)
    assert t_ours < 2 * t_bare + 0.35, (t_ours, t_bare)

@pytest.mark.slow
def test_512_tokens_of_a_12x12_bert_within_twice_the_bare_pass(bert):
    "Issue 15's case: attend + head view (with its PNG) within 2x of the bare eager pass, 512 tokens, 12 layers x 12 heads."
    import transformers as tf
    from plmnb.models import Loaded
    torch.manual_seed(0)
    cfg = tf.BertConfig(num_hidden_layers=12, num_attention_heads=12, hidden_size=768, intermediate_size=3072,
                        vocab_size=len(bert.tokenizer), max_position_embeddings=512)
    big = Loaded.from_model(tf.BertModel(cfg, add_pooling_layer=False).eval(), bert.tokenizer, 'feature-extraction', id='bert-12x12')
    ids = bert.tokenizer(' '.join(['the quick brown fox jumps over the lazy dog'] * 60), add_special_tokens=False)['input_ids']
    text = bert.tokenizer.decode(ids[:510])
    assert attend(big, text).n_tokens == 512
    t_bare, t_ours = bare_and_ours(big, text)
    assert t_ours < 2 * t_bare, (t_ours, t_bare)

LONG = FAMILIES + [('all-MiniLM-L6-v2', 'feature-extraction')]

@pytest.mark.parametrize('times', [2, 10])
@pytest.mark.parametrize('name,task', LONG)
def test_long_texts_are_cut_at_the_models_limit_with_one_notice(name, task, times, capfd):
    m = load(name, task, quiet=True)
    capfd.readouterr()
    a = attend(m, 'word ' * (times * m.max_tokens))
    assert a.n_tokens == m.max_tokens
    out = capfd.readouterr()
    assert (out.out + out.err).count('plmnb:') == 1 and str(m.max_tokens) in out.out, out
    assert 'longer than the specified maximum' not in out.err  # no second notice from the tokenizer
    if task == 'text-generation':
        g = attend_generation(m, 'word ' * (times * m.max_tokens), max_new_tokens=4)
        assert g.n_tokens <= m.max_tokens and g.n_tokens - g.prompt_len <= 4
        assert capfd.readouterr().out.count('plmnb:') == 1
        with pytest.raises(BadArgumentError, match='max_new_tokens'): attend_generation(m, 'Hi', max_new_tokens=m.max_tokens)
    else:
        p = attend(m, 'word ' * (times * m.max_tokens), 'other ' * m.max_tokens)  # a pair, both too long
        assert p.n_tokens == m.max_tokens and set(p.segments.tolist()) == {0, 1}

def test_in_memory_model_and_names_before_after():
    from plmnb.models import Loaded
    base = load('tiny-bert', quiet=True)
    mem = Loaded.from_model(base.model, base.tokenizer, id='my-bert')
    before = attend(mem, 'A small test.')
    assert before.model == 'my-bert'
    after_loaded = Loaded.from_model(base.model, base.tokenizer, id='my-bert')
    after_loaded.trained = {'on': 'sentiment', 'steps': 12}
    after = attend(after_loaded, 'A small test.')
    assert after.model == after_loaded.name != before.model
    v = compare(before, after)
    assert before.model in v.html and after.model in v.html

@pytest.fixture(scope='module', params=['tiny-t5', 'tiny-bart'])
def seq2seq(request):
    return load(request.param, 'text2text-generation', quiet=True)

def test_seq2seq_parts_match_the_model(seq2seq):
    s = attend(seq2seq, 'The cat sat on the mat.', target='Le chat est assis.')
    tok, model = seq2seq.tokenizer, seq2seq.model
    enc = tok('The cat sat on the mat.', return_tensors='pt', return_token_type_ids=False)
    dec = torch.tensor([[model.config.decoder_start_token_id] + tok(text_target='Le chat est assis.')['input_ids']])
    with eager_attention(model), torch.no_grad(): out = model(**enc, decoder_input_ids=dec, output_attentions=True)
    for part, ref in (('encoder', out.encoder_attentions), ('decoder', out.decoder_attentions), ('cross', out.cross_attentions)):
        np.testing.assert_allclose(s.parts[part].weights, torch.stack(ref, 1)[0].numpy(), atol=1e-6)
    assert s.cross.keys == s.encoder.tokens and s.cross.tokens == s.decoder.tokens
    assert s.cross.weights.shape[2:] == (s.decoder.n_tokens, s.encoder.n_tokens)
    assert s.decoder.causal and np.abs(np.triu(s.decoder.weights, 1)).max() == 0
    np.testing.assert_allclose(s.cross.weights.sum(-1), 1, atol=1e-4)
    assert model.config._attn_implementation == 'sdpa'  # switched back
    with pytest.raises(BadArgumentError, match='cross'): rollout(s.cross)
    with pytest.raises(BadArgumentError, match='target='): attend(load('tiny-bert', quiet=True), 'x', target='y')

def test_seq2seq_generation_steps(seq2seq):
    g = attend(seq2seq, 'The cat sat on the mat.')  # no target: the model writes one
    ids = seq2seq.model.generate(**seq2seq.tokenizer('The cat sat on the mat.', return_tensors='pt', return_token_type_ids=False),
                                 max_new_tokens=20, do_sample=False)[0].tolist()
    assert g.decoder.tokens == seq2seq.tokenizer.convert_ids_to_tokens(ids) and g.decoder.prompt_len == 1
    assert attend_generation(seq2seq, 'The cat sat on the mat.', max_new_tokens=20).decoder.tokens == g.decoder.tokens

def test_seq2seq_views_and_payload_128_64(seq2seq):
    tok = seq2seq.tokenizer
    words = ('the model reads every word of this sentence and attends to some of them more than others ' * 40).split()
    src = tok.decode(tok(' '.join(words), add_special_tokens=False)['input_ids'][:127])
    tgt = tok.decode(tok(' '.join(words[::-1]), add_special_tokens=False)['input_ids'][:63])
    s = attend(seq2seq, src, target=tgt)
    assert 120 <= s.encoder.n_tokens <= 136 and 56 <= s.decoder.n_tokens <= 72
    h = head_view(s).html
    assert h.count('class="plmnb-attn"') == 3 and 'cross-attention' in h
    m = model_view(s, png=False).html
    assert m.count('class="plmnb-attn"') == 3
    one = head_view(s, part='cross', png=False).html
    assert one.count('class="plmnb-attn"') == 1
    weights = sum(p.weights.size for p in s.parts.values())
    print(f'\n{seq2seq.info.family} {s.encoder.n_tokens}+{s.decoder.n_tokens} tokens: head view {len(h)/1e6:.2f} MB '
          f'(no PNG {len(head_view(s, png=False).html)/1e6:.2f} MB) for {weights} weights')
    floats = sum(len(json.dumps(p.weights.tolist())) for p in s.parts.values())
    assert len(head_view(s, png=False).html) < 0.3 * floats  # the same budget as an encoder's view (see 06b_views)

@pytest.mark.parametrize('times', [2, 10])
def test_seq2seq_long_source_and_target_are_cut(seq2seq, times, capfd):
    n = seq2seq.max_tokens
    capfd.readouterr()
    s = attend(seq2seq, 'word ' * (times * n), target='other ' * (times * n))
    assert s.encoder.n_tokens == n and s.decoder.n_tokens == n  # the start token + n - 1 target tokens
    assert capfd.readouterr().out.count('plmnb:') == 2  # one notice for the source, one for the target
