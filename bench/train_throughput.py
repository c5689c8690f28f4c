"""finetune against plain transformers.Trainer on the same model, data and hyperparameters, back to back.

Three runs on the sentiment sample with the embedded default model (CPU here):
  A. plmnb.finetune (dynamic padding, length-grouped batches, live view in 'none' mode)
  B. Trainer + DataCollatorWithPadding (dynamic padding, random batches): the careful user's baseline
  C. Trainer with every batch padded to max_length=128: the common tutorial way (first 20 steps only: throughput)
Prints samples/s for each, the ratios A/B (goal >= 1.0) and A/C (goal >= 3), and each run's eval accuracy.
Run: python bench/train_throughput.py [--epochs 3] [--batch-size 16]
"""
import argparse, math, tempfile
import torch
from transformers import Trainer, TrainingArguments, DataCollatorWithPadding
from plmnb.core import seed_everything
from plmnb.models import load
from plmnb.data import sample
from plmnb.train import finetune

def plain_trainer(data, epochs, bs, lr, pad_to=None, seed=42, max_steps=-1):
    "The Trainer recipe from the transformers docs, on the same rows."
    seed_everything(seed)
    ld = load('all-MiniLM-L6-v2', 'text-classification', labels=data.labels, quiet=True)
    tok = ld.tokenizer
    def enc(b):
        kw = dict(padding='max_length', max_length=pad_to) if pad_to else {}
        return tok(b['text'], truncation=True, **kw)
    tr = data.train.map(enc, batched=True)
    va = data.validation.map(enc, batched=True)
    with tempfile.TemporaryDirectory() as d:
        args = TrainingArguments(output_dir=d, num_train_epochs=epochs, per_device_train_batch_size=bs, per_device_eval_batch_size=2 * bs,
                                 learning_rate=lr, warmup_steps=int(0.1 * math.ceil(len(tr) / bs) * epochs), weight_decay=0.01,
                                 eval_strategy='no', save_strategy='no', report_to='none', disable_tqdm=True, seed=seed, use_cpu=True,
                                 logging_steps=10, max_steps=max_steps)
        def acc(p): return {'accuracy': float((p.predictions.argmax(-1) == p.label_ids).mean())}
        t = Trainer(model=ld.model, args=args, train_dataset=tr, eval_dataset=va, processing_class=tok,
                    data_collator=DataCollatorWithPadding(tok), compute_metrics=acc)
        out = t.train()
        ev = t.evaluate() if max_steps < 0 else {'eval_accuracy': float('nan')}
    return out.metrics['train_samples_per_second'], ev['eval_accuracy'], out.metrics['train_runtime']

def plmnb_finetune(data, epochs, bs, lr, seed=42):
    seed_everything(seed)
    ld = load('all-MiniLM-L6-v2', 'text-classification', labels=data.labels, quiet=True)
    run = finetune(ld, data, epochs=epochs, batch_size=bs, lr=lr, eval_every=10**9, examples=0, progress='none', seed=seed)
    h = run.history
    sps = float(h['train_samples_per_second'].dropna().iloc[-1]); rt = float(h['train_runtime'].dropna().iloc[-1])
    return sps, run.metrics['eval_accuracy'], rt

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=float, default=3); ap.add_argument('--batch-size', type=int, default=16)
    ap.add_argument('--lr', type=float, default=1e-4)
    a = ap.parse_args()
    data = sample('sentiment')
    print(f'{len(data.train)} train / {len(data.validation)} validation rows, {a.epochs} epoch(s), batch {a.batch_size}, '
          f'lr {a.lr}, torch threads {torch.get_num_threads()}')
    res = {}
    for name, fn in (('A plmnb.finetune', lambda: plmnb_finetune(data, a.epochs, a.batch_size, a.lr)),
                     ('B Trainer + DataCollatorWithPadding', lambda: plain_trainer(data, a.epochs, a.batch_size, a.lr)),
                     ('C Trainer, padded to 128', lambda: plain_trainer(data, a.epochs, a.batch_size, a.lr, pad_to=128, max_steps=20))):
        res[name] = fn()
        sps, acc, rt = res[name]
        print(f'{name:38s} {sps:7.1f} samples/s  train {rt:6.1f} s  eval accuracy {acc:.3f}', flush=True)
    (a_sps, _, _), (b_sps, _, _), (c_sps, _, _) = res.values()
    print(f'ratio A/B (goal >= 1.0): {a_sps / b_sps:.2f}x')
    print(f'ratio A/C (goal >= 3.0): {a_sps / c_sps:.2f}x')

if __name__ == '__main__': main()
