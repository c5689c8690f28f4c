"""Seq2seq fine-tuning: finetune against the plain transformers.Seq2SeqTrainer, same model, data and settings, side by side.

The data: the shipped summaries sample (document -> one-line summary). The model: tiny-bart (or --model). Both runs:
the same epochs, lr, batch, warmup, weight decay, truncation, no evaluation during training. finetune still evaluates
once at the end (with generation: its final metrics); that evaluation's time is printed and left out of its training time.
plain: Seq2SeqTrainer + DataCollatorForSeq2Seq, random batches (the recipe of the transformers docs).
The two run in turn, which goes first alternating by seed. Both rates are counted alike: training rows x epochs (and target tokens x epochs) over the training time.
Prints each run's train samples/s, target tokens/s and validation loss after training, and the ratio (goal >= 1.0x),
per seed and in the mean.
Run: python bench/seq2seq_throughput.py [--model tiny-bart] [--seeds 1 2 3] [--epochs 2]
"""
import argparse, statistics, tempfile
from transformers import Seq2SeqTrainer, Seq2SeqTrainingArguments, DataCollatorForSeq2Seq
from plmnb.core import seed_everything
from plmnb.models import load
from plmnb.data import sample, prepare
from plmnb.train import finetune

def plain(data, seed, a):
    "The Seq2SeqTrainer recipe, on the rows `prepare` made (the same truncation), without plmnb's Trainer."
    seed_everything(seed)
    ld = load(a.model, 'summarization', quiet=True)
    p = prepare(ld, data)
    cols = [c for c in p.train.column_names if c in ('input_ids', 'attention_mask', 'labels')]
    tr = p.train.select_columns(cols)
    with tempfile.TemporaryDirectory() as d:
        args = Seq2SeqTrainingArguments(output_dir=d, num_train_epochs=a.epochs, per_device_train_batch_size=a.batch_size,
                                        learning_rate=a.lr, warmup_steps=0.1, weight_decay=0.01, eval_strategy='no', save_strategy='no',
                                        report_to='none', disable_tqdm=True, seed=seed, use_cpu=True)
        t = Seq2SeqTrainer(model=ld.model, args=args, train_dataset=tr, processing_class=ld.tokenizer,
                           data_collator=DataCollatorForSeq2Seq(ld.tokenizer, model=ld.model, label_pad_token_id=-100))
        out = t.train()
        loss = t.evaluate(p.validation.select_columns(cols))['eval_loss']  # after timing: the same validation rows as finetune
    secs = out.metrics['train_runtime']
    return len(tr) * a.epochs / secs, sum(sum(1 for x in r if x != -100) for r in tr['labels']) * a.epochs / secs, 0.0, loss

def plmnb(data, seed, a):
    run = finetune(a.model, data, epochs=a.epochs, batch_size=a.batch_size, lr=a.lr, eval_every=10**9, examples=0, progress='none', seed=seed)
    h = run.history
    ev = float(h['eval_runtime'].dropna().sum()) if 'eval_runtime' in h else 0.0
    secs = float(h['train_runtime'].dropna().iloc[-1]) - ev
    p = prepare(run.loaded, data)
    return len(p.train) * a.epochs / secs, sum(sum(1 for x in r if x != -100) for r in p.train['labels']) * a.epochs / secs, ev, run.metrics['eval_loss']

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', default='tiny-bart'); ap.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    ap.add_argument('--epochs', type=float, default=2); ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--batch-size', type=int, default=16)
    a = ap.parse_args()
    data = sample('summaries')
    rows = []
    for s in a.seeds:
        if len(rows) % 2: (fs, ft, ev, fl), (ps, pt, _, pl) = plmnb(data, s, a), plain(data, s, a)  # alternate which goes first
        else: (ps, pt, _, pl), (fs, ft, ev, fl) = plain(data, s, a), plmnb(data, s, a)
        rows.append((ps, fs, pt, ft, pl, fl))
        print(f'seed {s}: plain {ps:7.1f} samples/s {pt:8.0f} target tokens/s, eval loss {pl:.3f} | finetune {fs:7.1f} samples/s '
              f'{ft:8.0f} tokens/s, eval loss {fl:.3f} (+ final evaluation {ev:.2f} s) | ratio {fs / ps:.2f}x', flush=True)
    ratio = statistics.mean(r[1] / r[0] for r in rows)
    print(f'mean: plain {statistics.mean(r[0] for r in rows):.1f} samples/s, finetune {statistics.mean(r[1] for r in rows):.1f} '
          f'samples/s -> {ratio:.2f}x (goal >= 1.0x; per-seed range {min(r[1] / r[0] for r in rows):.2f}-{max(r[1] / r[0] for r in rows):.2f}x); '
          f'validation loss plain {statistics.mean(r[4] for r in rows):.3f}, finetune {statistics.mean(r[5] for r in rows):.3f}')

if __name__ == '__main__': main()
