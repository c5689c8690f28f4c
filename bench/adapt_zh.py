"""English model -> Chinese: does extending the vocabulary and adapting first pay off? (issue 18)

On the held-out split of plmnb's Chinese sentiment sample, three seeds each, the same fine-tuning budget for all:
  (a) the default model (all-MiniLM-L6-v2, an English vocabulary) fine-tuned as it is;
  (b) the default model with its vocabulary extended from corpus_zh.txt and adapted on it (masked LM), then fine-tuned;
  (c) a tiny BERT pretrained from scratch on corpus_zh.txt (its own tokenizer), then fine-tuned.
Prints the accuracies, their means, the adaptation/pretraining time and the [UNK] rate before/after.

    python bench/adapt_zh.py                 # the full run (slow on a CPU: tens of minutes)
    python bench/adapt_zh.py --quick         # one seed, short runs: checks the script works
"""
import argparse, json, os, statistics, sys, time
from pathlib import Path
for k, v in dict(TOKENIZERS_PARALLELISM='false', HF_HUB_OFFLINE='1', HF_DATASETS_OFFLINE='1', TRANSFORMERS_OFFLINE='1',
                 MPLBACKEND='Agg').items(): os.environ.setdefault(k, v)
import plmnb
from plmnb.data import load_data
from plmnb.models import EMBEDDED_ID
from plmnb.train import finetune, pretrain
from plmnb.adapt import adapt
from plmnb.models import rehead
from plmnb.fresh import vocab_stats

SAMPLES = Path(plmnb.__file__).parent/'samples'

def accuracy(run): return run.metrics.get('eval_accuracy', run.metrics.get('accuracy'))

def main(seeds, epochs, adapt_epochs, extend, pretrain_epochs, batch_size, out=None, adapt_lr=None, variants='abc', freeze_body=None):
    data = load_data(SAMPLES/'sentiment_zh.csv', 'text-classification', valid_pct=0.2, seed=0)
    corpus = [p for p in (SAMPLES/'corpus_zh.txt').read_text(encoding='utf-8').split('\n\n') if p.strip()]
    ft = dict(epochs=epochs, batch_size=batch_size, progress='none')
    res = {'a': [], 'b': [], 'c': []}; times = {'b': [], 'c': []}; unk = {}
    print(f'train {len(data.train)} / held-out {len(data.validation)} reviews; corpus {len(corpus)} paragraphs; seeds {seeds}', flush=True)
    for s in seeds:
        if 'a' in variants:
          t = time.perf_counter(); r = finetune(EMBEDDED_ID, data, seed=s, **ft); res['a'].append(accuracy(r))
          print(f'seed {s} (a) default as is: {res["a"][-1]:.3f}  ({time.perf_counter() - t:.0f} s)', flush=True)
        if 'b' in variants:
          t = time.perf_counter()
          ad = adapt(EMBEDDED_ID, corpus, extend_vocab=extend, epochs=adapt_epochs, lr=adapt_lr, freeze_body=freeze_body, batch_size=batch_size,
                     seed=s, progress='none')
          times['b'].append(time.perf_counter() - t); info = ad.loaded.trained['adapt']
          unk = dict(before=info['before'], after=info['after'], added=info['added'],
                     task_before=vocab_stats(load_tok(), data.train['text']), task_after=vocab_stats(ad.loaded.tokenizer, data.train['text']))
          r = finetune(rehead(ad.loaded, 'text-classification', data.labels, seed=s), data, seed=s, **ft); res['b'].append(accuracy(r))
          print(f'seed {s} (b) extended + adapted: {res["b"][-1]:.3f}  (adaptation {times["b"][-1]:.0f} s, MLM eval loss {ad.metrics.get("eval_loss", float("nan")):.2f})', flush=True)
        if 'c' in variants:
          t = time.perf_counter()
          pre = pretrain(corpus, family='bert', size='tiny', tokenizer='train', epochs=pretrain_epochs, batch_size=batch_size, seed=s, progress='none')
          times['c'].append(time.perf_counter() - t)
          r = finetune(rehead(pre.loaded, 'text-classification', data.labels, seed=s), data, seed=s, **ft); res['c'].append(accuracy(r))
          print(f'seed {s} (c) tiny from scratch: {res["c"][-1]:.3f}  (pretraining {times["c"][-1]:.0f} s)', flush=True)
    mean = {k: statistics.mean(v) if v else float('nan') for k, v in res.items()}
    print('\n| model | ' + ' | '.join(f'seed {s}' for s in seeds) + ' | mean |')
    print('|---|' + '---|' * (len(seeds) + 1))
    how = 'new parts only' if freeze_body is not False else 'all weights'
    names = {'a': '(a) default, as is', 'b': f'(b) default + {unk.get("added", "?")} tokens + {adapt_epochs} epochs MLM ({how}) on corpus_zh',
             'c': f'(c) tiny BERT pretrained {pretrain_epochs} epochs on corpus_zh'}
    for k in variants: print(f'| {names[k]} | ' + ' | '.join(f'{x:.3f}' for x in res[k]) + f' | {mean[k]:.3f} |')
    for k, what in (('b', 'adaptation (b), extension + MLM'), ('c', 'pretraining (c)')):
        if times[k]: print(f'{what}: {statistics.mean(times[k]):.0f} s per seed')
    if not unk: return res
    print(f'[UNK] rate on corpus_zh: {unk["before"]["unk_rate"]:.1%} -> {unk["after"]["unk_rate"]:.1%}; tokens per character '
          f'{unk["before"]["tokens_per_char"]:.2f} -> {unk["after"]["tokens_per_char"]:.2f}')
    print(f'[UNK] rate on the sentiment train texts: {unk["task_before"]["unk_rate"]:.1%} -> {unk["task_after"]["unk_rate"]:.1%}')
    print(f'(b) - (a) = {100 * (mean["b"] - mean["a"]):+.1f} points; (b) - (c) = {100 * (mean["b"] - mean["c"]):+.1f} points (goal: both >= +5)')
    if out: Path(out).write_text(json.dumps(dict(accuracy=res, mean=mean, seconds=times, unk=unk, settings=dict(
        epochs=epochs, adapt_epochs=adapt_epochs, extend=extend, pretrain_epochs=pretrain_epochs, batch_size=batch_size,
        adapt_lr=adapt_lr, freeze_body=freeze_body)), indent=1))
    return res

def load_tok():
    from transformers import AutoTokenizer
    from plmnb.models import embedded_path
    return AutoTokenizer.from_pretrained(embedded_path())

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    ap.add_argument('--epochs', type=float, default=3, help='fine-tuning epochs, the same for (a), (b) and (c)')
    ap.add_argument('--adapt-epochs', type=float, default=2)
    ap.add_argument('--extend', type=int, default=2000, help='tokens to add for (b) (at most; the corpus offers about 500)')
    ap.add_argument('--adapt-lr', type=float, default=None, help="peak learning rate of the adaptation (default: adapt's own)")
    ap.add_argument('--all-weights', action='store_true', help='(b) trains every weight while adapting (freeze_body=False)')
    ap.add_argument('--pretrain-epochs', type=float, default=10)
    ap.add_argument('--batch-size', type=int, default=16)
    ap.add_argument('--json', default=None, help='also write the numbers to this file')
    ap.add_argument('--variants', default='abc', help="which of (a), (b), (c) to run, e.g. 'b'")
    ap.add_argument('--quick', action='store_true', help='one seed, short runs')
    a = ap.parse_args()
    if a.quick: a.seeds, a.epochs, a.adapt_epochs, a.pretrain_epochs = [1], 0.3, 0.2, 0.3
    main(a.seeds, a.epochs, a.adapt_epochs, a.extend, a.pretrain_epochs, a.batch_size, a.json, a.adapt_lr, a.variants,
         False if a.all_weights else None)
