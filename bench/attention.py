"""Attention extraction and view sizes: python bench/attention.py [--bertviz PATH]

For 32, 128 and 512 tokens, through the embedded default (all-MiniLM-L6-v2, 6 layers x 12 heads) and a random
12 x 12 BERT (hidden 768, built from a config): the bare eager forward pass with output_attentions=True (what any
attention tool must pay), side by side with `attend`, the head view (HTML with its static PNG), and their sum as a
multiple of the bare pass (goal: <= 2x); HTML size, and the same weights serialised the bertviz way
(json.dumps(attn.tolist())).
With bertviz importable (e.g. `pip install --no-deps --target /tmp/bvz bertviz` then --bertviz /tmp/bvz), also the size
of its own head_view/model_view HTML.
"""
import argparse, json, os, sys, time
import torch

def bert12(loaded_tok):
    import transformers as tf
    from plmnb.models import Loaded
    torch.manual_seed(0)
    cfg = tf.BertConfig(num_hidden_layers=12, num_attention_heads=12, hidden_size=768, intermediate_size=3072,
                        vocab_size=loaded_tok.vocab_size, max_position_embeddings=512)
    model = tf.BertModel(cfg, add_pooling_layer=False).eval()
    return Loaded.from_model(model, loaded_tok, 'feature-extraction', id='bert-12x12-random')

def text_of(tok, n):
    "A text that tokenizes to exactly n tokens with [CLS] and [SEP]."
    words = ('the model reads every word of this sentence and attends to some of them more than others ' * 80).split()
    ids = tok(' '.join(words), add_special_tokens=False, verbose=False)['input_ids'][:n - 2]
    return tok.decode(ids)

CLOCK = time.perf_counter  # --cpu: time.process_time (CPU seconds of this process: fairer on a shared machine)

def timed(f, repeat=3):
    best, out = 1e9, None
    for _ in range(repeat):
        t = CLOCK(); out = f(); best = min(best, CLOCK() - t)
    return best, out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bertviz', default=None, help='a folder holding the bertviz package (added to sys.path)')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--cpu', action='store_true', help='time CPU seconds of this process instead of wall-clock seconds')
    args = ap.parse_args()
    global CLOCK
    if args.cpu: CLOCK = time.process_time
    from plmnb.models import load
    from plmnb.attention import attend, eager_attention
    from plmnb.views import head_view
    bv = None
    if args.bertviz: sys.path.insert(0, args.bertviz)
    try:
        import bertviz; bv = bertviz
    except ImportError: pass
    default = load('all-MiniLM-L6-v2', quiet=True)
    models = [('MiniLM-L6 6x12', default), ('BERT 12x12 (random)', bert12(default.tokenizer))]
    print(f'torch threads {torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs '
          f'(best of {args.repeat}, {"CPU" if args.cpu else "wall-clock"} seconds)\n')
    hdr = (f"{'model':<22}{'tokens':>7}{'bare s':>8}{'attend s':>9}{'view s':>8}{'x bare':>7}{'html MB':>9}{'+png MB':>9}"
           f"{'json MB':>9}{'ratio':>7}{'bertviz MB':>12}")
    print(hdr); print('-' * len(hdr))
    for name, m in models:
        for n in (32, 128, 512):
            text = text_of(m.tokenizer, n)
            enc = m.tokenizer(text, return_tensors='pt')
            def bare():
                with eager_attention(m.model), torch.no_grad(): return m.model(**enc, output_attentions=True)
            bare(); attend(m, text)  # warm up
            t_bare, _ = timed(bare, args.repeat)
            t_ex, a = timed(lambda: attend(m, text), args.repeat)
            _, v = timed(lambda: head_view(a, png=False), 1)
            t_png, vp = timed(lambda: head_view(a), args.repeat)
            js = len(json.dumps(a.weights.tolist()))
            bvs = '-'
            if bv is not None:
                from bertviz import head_view as bhv
                t = torch.from_numpy(a.weights)[:, None]
                h = bhv([x for x in t], a.tokens, html_action='return')
                bvs = f'{len(h.data) / 1e6:.1f}'
            print(f'{name:<22}{a.n_tokens:>7}{t_bare:>8.2f}{t_ex:>9.2f}{t_png:>8.2f}{(t_ex + t_png) / t_bare:>6.1f}x'
                  f'{len(v.html) / 1e6:>9.2f}{len(vp.html) / 1e6:>9.2f}{js / 1e6:>9.1f}{js / len(v.html):>6.0f}x{bvs:>12}', flush=True)
    if bv is None: print('\nbertviz is not importable here: its own HTML size was not measured.')
    else: print('\nbertviz MB: its head_view(html_action="return") for the same weights; it also loads require.js and d3 from a CDN.')

if __name__ == '__main__': main()
