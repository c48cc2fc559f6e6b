#!/usr/bin/env bash
# The reader's training run on the GPU machine (train/README.md): one run per learning rate, in parallel;
# the run with the best F1 on the fit articles of squad2-open is quantized to int8 and scored again.
# Inputs in target/reader/ (made by train/prepare.sh); results in $OUT (or ./reader-out): logs.txt,
# metrics.json (every run's figures), and the model in parts of at most 15 MiB with its checksum.
set -euo pipefail
export PYTHONUNBUFFERED=1
R=target/reader
OUT=${OUT:-$PWD/reader-out}  # absolute: the steps below run in other folders
LOG="$OUT/logs.txt"  # one file, written as the runs go, so that it comes back even from a run cut short
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$LOG" 2>&1 || true
python3 -c 'import torch, onnxruntime; print("torch", torch.__version__, "onnxruntime", onnxruntime.__version__)' >> "$LOG" 2>&1 || true
LRS=${LRS:-"5e-5 1e-4 2e-4"}
for lr in $LRS; do
  python3 train/train_reader.py --weights $R/minilm.npz --train $R/squad1-train.npz --eval ${EVAL_NPZ:-$R/squad2-open.npz} \
      --squad-eval ${EVAL_JSON:-$R/squad-v2.0-open.json} --out /tmp/reader-$lr --lr $lr --epochs ${EPOCHS:-2} \
      --max-minutes ${MAX_MINUTES:-5} --no-int8 "$@" 2>&1 | sed -u "s/^/[lr $lr] /" >> "$LOG" &
done
wait
best=$(python3 - $LRS <<'PY'
import json, os, sys
runs = {lr: json.load(open(f'/tmp/reader-{lr}/metrics.json')) for lr in sys.argv[1:]
        if os.path.exists(f'/tmp/reader-{lr}/metrics.json')}
print(max(runs, key=lambda lr: runs[lr]['fp32']['fit']['f1']))
PY
)
echo "chosen learning rate: $best (best F1 on the fit articles)" >> "$LOG"
B=/tmp/reader-$best
if python3 train/train_reader.py --weights $R/minilm.npz --train $R/squad1-train.npz --eval ${EVAL_NPZ:-$R/squad2-open.npz} \
    --squad-eval ${EVAL_JSON:-$R/squad-v2.0-open.json} --out $B --int8-only >> "$LOG" 2>&1; then
  MODEL=reader-int8.onnx
else  # bring the trained weights back instead, to export and quantize again
  MODEL=reader-fp16.npz
fi
python3 - $best $LRS > "$OUT/metrics.json" <<'PY'
import json, os, sys
best, lrs = sys.argv[1], sys.argv[2:]
runs = {lr: json.load(open(f'/tmp/reader-{lr}/metrics.json')) for lr in lrs if os.path.exists(f'/tmp/reader-{lr}/metrics.json')}
print(json.dumps({'chosen': best, 'runs': runs}, indent=2))
PY
# Files come back at most 16 MiB each: split the model, with its checksum to join it by.
(cd $B && sha256sum $MODEL > "$OUT/$MODEL.sha256" && split -b 15m -d $MODEL "$OUT/$MODEL.part")
ls -la "$OUT"
