"""How much does the live view cost a training loop? Runs a simulated 20 ms step with `lp.step` + `lp.log` (and with the
Trainer callback's `on_step_end` + `on_log`), CPU-bound by default or sleeping (`--sleep`), and prints the time spent in plmnb per step, as a percentage of the step,
and the redraws per second. 'baseline' times an empty loop body: the floor of the measurement itself (waking from
`sleep` makes the first microseconds after it slow). Run: `python bench/progress_overhead.py [--steps 300] [--step-ms 20]`."""
import argparse, contextlib, io, math, random, time
from types import SimpleNamespace
from plmnb.progress import LiveProgress, LiveProgressCallback

def busy(seconds:float):
    "A CPU-bound step, like a training step on the CPU: small matrix products until the time is up."
    import numpy as np
    a = np.random.rand(96, 96); end = time.perf_counter() + seconds
    while time.perf_counter() < end: a = (a @ a) / 96.

def run(mode:str, steps:int, step_s:float, callback:bool=False, sleep:bool=False)->dict:
    "Simulate `steps` steps of `step_s` seconds; time only what plmnb adds."
    lp = LiveProgress(total_steps=steps, epochs=1, progress='none' if mode == 'baseline' else mode, title=f'bench {mode}', compare=True)
    cb = LiveProgressCallback(lp) if callback else None
    args = SimpleNamespace(train_batch_size=32, gradient_accumulation_steps=1, world_size=1, num_train_epochs=1,
                           include_num_input_tokens_seen='non_padding', device='cpu')
    state = SimpleNamespace(max_steps=steps, num_train_epochs=1, global_step=0, epoch=0., is_world_process_zero=True,
                            num_input_tokens_seen=0)
    control = SimpleNamespace(should_training_stop=False)
    spent, cpu, worst = 0., 0., 0.
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if cb: cb.on_train_begin(args, state, control)  # once per run (imports ipywidgets the first time): not counted
        else: lp.start()
        t_run = time.perf_counter()
        for i in range(steps):
            (time.sleep if sleep else busy)(step_s)  # the model's work: busy on a CPU; on a GPU the CPU mostly waits
            t, c = time.perf_counter(), time.thread_time()
            loss = 2*math.exp(-i/steps) + random.random()*.1
            if mode == 'baseline': pass
            elif cb:
                state.global_step, state.epoch = i + 1, (i + 1)/steps
                state.num_input_tokens_seen += 32*100
                cb.on_step_end(args, state, control)
                cb.on_log(args, state, control, logs=dict(loss=loss, learning_rate=1e-4, grad_norm=1.))
            else:
                lp.step(n_samples=32, n_tokens=3200)
                lp.log(loss=loss, learning_rate=1e-4, grad_norm=1.)
            if i % 100 == 99 and mode != 'baseline': (cb.on_log(args, state, control, logs=dict(eval_loss=loss, eval_accuracy=.8)) if cb else lp.log(eval_loss=loss, eval_accuracy=.8))
            dt = time.perf_counter() - t
            spent += dt; worst = max(worst, dt); cpu += time.thread_time() - c
        wall = time.perf_counter() - t_run
        t = time.perf_counter()
        if cb: cb.on_train_end(args, state, control)
        else: lp.finish()
        finish = time.perf_counter() - t
    snap = sum(len(v) for v in lp._repr_mimebundle_().values())
    return dict(mode=mode + (' (callback)' if cb else ''), per_step_us=spent/steps*1e6, overhead_pct=spent/steps/step_s*100,
                cpu_us=cpu/steps*1e6, cpu_pct=cpu/steps/step_s*100,
                worst_ms=worst*1e3, redraws_per_s=lp.redraws/wall, finish_ms=finish*1e3, snapshot_kb=snap/1000)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--steps', type=int, default=300); ap.add_argument('--step-ms', type=float, default=20.)
    ap.add_argument('--sleep', action='store_true', help='simulate the step by sleeping (a GPU step: the CPU waits) instead of CPU work')
    a = ap.parse_args()
    print(f'{a.steps} simulated steps of {a.step_ms:g} ms, {"sleeping" if a.sleep else "CPU-bound"} '
          '(widget mode here has no front end: comm messages go nowhere)')
    print('wall: time plmnb took per step (includes being preempted on a busy machine); CPU: CPU time plmnb used per step')
    print(f'{"progress":<22}{"wall µs":>9}{"wall %":>9}{"CPU µs":>9}{"CPU %":>8}{"worst ms":>10}{"redraws/s":>11}{"finish ms":>11}{"snapshot":>10}')
    for mode, cb in (('baseline', False), ('none', False), ('terminal', False), ('widget', False), ('widget', True)):
        r = run(mode, a.steps, a.step_ms/1000, cb, a.sleep)
        print(f'{r["mode"]:<22}{r["per_step_us"]:>9.0f}{r["overhead_pct"]:>8.2f}%{r["cpu_us"]:>9.0f}{r["cpu_pct"]:>7.2f}%{r["worst_ms"]:>10.1f}'
              f'{r["redraws_per_s"]:>11.2f}{r["finish_ms"]:>11.0f}{r["snapshot_kb"]:>8.0f} kB')

if __name__ == '__main__': main()
