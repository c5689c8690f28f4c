"""finetune against the plain transformers.Trainer: same model, data and settings, three seeds each, side by side.

The data: ~2,000 rows whose lengths vary from a few words to a paragraph, built from the shipped sentiment sample
(sentences of one label joined into longer texts; train and validation rows come from disjoint sentences).
Both runs: the default model, 1 epoch, lr 5e-5, batch 32, 10 % warmup, weight decay 0.01, the same truncation.
  plain:    Trainer + DataCollatorWithPadding, random batches (the careful user's recipe)
  finetune: plmnb.finetune (the head from the data, `LengthBuckets` batches, no live view)
Prints each run's samples/s and accuracy, the samples/s ratio (goal >= 1.3x) and the mean accuracy of each
(goal: within 1 point), and the three-seed spread.
Run: python bench/train_throughput.py [--rows 2000] [--seeds 1 2 3] [--epochs 1]
"""
import argparse, random, statistics, tempfile, time
import pandas as pd, torch
from transformers import Trainer, TrainingArguments, DataCollatorWithPadding
from plmnb.core import seed_everything
from plmnb.models import load
from plmnb.data import load_data, prepare, sample_path
from plmnb.train import finetune

MODEL = 'all-MiniLM-L6-v2'

def varied(n:int, seed:int=0)->tuple:
    "Rows of 1, 2, 4 or 8 same-label sentences (a few words to a paragraph); train and validation from disjoint sentences."
    df = pd.read_csv(sample_path('sentiment')).sample(frac=1, random_state=seed)
    cut = int(len(df) * 0.85)
    rng = random.Random(seed)
    def build(pool, m):
        by = {l: g['text'].tolist() for l, g in pool.groupby('label')}
        rows = []
        for _ in range(m):
            lab = rng.choice(sorted(by)); k = rng.choice([1, 1, 1, 2, 4, 8])
            s = rng.sample(by[lab], k)
            text = ' '.join(s) if k > 1 or rng.random() < 0.5 else ' '.join(s[0].split()[:rng.randint(2, 4)])  # a few words
            rows.append(dict(text=text, label=lab))
        return pd.DataFrame(rows)
    return build(df.iloc[:cut], int(n * 0.85)), build(df.iloc[cut:], n - int(n * 0.85))

def plain(data, seed, a):
    "The Trainer recipe from the transformers docs, on the same rows, truncated as finetune truncates."
    seed_everything(seed)
    ld = load(MODEL, 'text-classification', labels=data.labels, quiet=True)
    max_len = prepare(ld, data).max_length
    enc = lambda b: ld.tokenizer(b['text'], truncation=True, max_length=max_len)
    tr, va = (ds.map(enc, batched=True).remove_columns('text') for ds in (data.train, data.validation))
    with tempfile.TemporaryDirectory() as d:
        args = TrainingArguments(output_dir=d, num_train_epochs=a.epochs, per_device_train_batch_size=a.batch_size,
                                 per_device_eval_batch_size=2 * a.batch_size, learning_rate=a.lr, warmup_steps=0.1, weight_decay=0.01,
                                 eval_strategy='no', save_strategy='no', report_to='none', disable_tqdm=True, seed=seed, use_cpu=True)
        acc = lambda p: {'accuracy': float((p.predictions.argmax(-1) == p.label_ids).mean())}
        t = Trainer(model=ld.model, args=args, train_dataset=tr, eval_dataset=va, processing_class=ld.tokenizer,
                    data_collator=DataCollatorWithPadding(ld.tokenizer), compute_metrics=acc)
        out = t.train()
        ev = t.evaluate()
    return out.metrics['train_samples_per_second'], ev['eval_accuracy']

def plmnb(data, seed, a):
    run = finetune(MODEL, data, epochs=a.epochs, batch_size=a.batch_size, lr=a.lr, eval_every=10**9, examples=0, progress='none', seed=seed)
    sps = float(run.history['train_samples_per_second'].dropna().iloc[-1])
    return sps, run.metrics['eval_accuracy']

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rows', type=int, default=2000); ap.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    ap.add_argument('--epochs', type=float, default=1); ap.add_argument('--batch-size', type=int, default=32)
    ap.add_argument('--lr', type=float, default=5e-5)
    a = ap.parse_args()
    train, valid = varied(a.rows)
    data = load_data({'train': train, 'validation': valid}, 'text-classification')
    words = train['text'].str.split().str.len()
    print(f'{len(data.train)} train / {len(data.validation)} validation rows; words per row: min {words.min()}, median {int(words.median())}, '
          f'max {words.max()}; {MODEL}, {a.epochs} epoch(s), batch {a.batch_size}, lr {a.lr}, torch threads {torch.get_num_threads()}', flush=True)
    res = {'plain': [], 'finetune': []}
    for seed in a.seeds:  # interleaved, so a busy machine slows both alike
        for name, fn in (('plain', plain), ('finetune', plmnb)):
            t0 = time.perf_counter(); sps, acc = fn(data, seed, a)
            res[name].append((sps, acc))
            print(f'seed {seed}  {name:9s} {sps:7.1f} samples/s  accuracy {acc:.3f}  ({time.perf_counter() - t0:.0f} s in all)', flush=True)
    mean = lambda xs: statistics.mean(xs)
    for name, rs in res.items():
        accs = [r[1] for r in rs]
        print(f'{name:9s} mean {mean([r[0] for r in rs]):7.1f} samples/s  accuracy mean {mean(accs):.3f}  spread {max(accs) - min(accs):.3f}  '
              f'({" / ".join(f"{x:.3f}" for x in accs)})')
    ratio = mean([r[0] for r in res['finetune']]) / mean([r[0] for r in res['plain']])
    gap = 100 * (mean([r[1] for r in res['finetune']]) - mean([r[1] for r in res['plain']]))
    print(f'samples/s ratio finetune/plain: {ratio:.2f}x (goal >= 1.3x)')
    print(f'accuracy difference finetune - plain: {gap:+.1f} points (goal: within 1 point)')

if __name__ == '__main__': main()
