#!/usr/bin/env bash
# Reproduces models/: generates the synthetic sets, trains the reader and the detector, exports ONNX
# and sidecars, and evaluates on ../shared/data when it is there (evaluation only, never training).
# CPU by default (Debian's python3-torch); CUDA is used when torch sees it. Seeded.
#   TRAIN_THREADS=2 recognition/train/train.sh            # the committed models' recipe
#   READER_SETS="11 12 13" READER_EPOCHS=8 train.sh      # a longer run
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-/usr/bin/python3}"
"$PY" -c 'import torch, cv2, PIL, numpy' 2>/dev/null || {
  echo "train.sh: $PY lacks torch/cv2/PIL/numpy: apt-get install -y python3-torch python3-opencv python3-pil python3-numpy" >&2; exit 2; }
# Fonts the renderer draws with (Debian packages; all under free licences, see models/MODEL_CARD.md).
FONTS="fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-roboto-unhinted fonts-bebas-neue fonts-opendin fonts-croscore fonts-noto-core fonts-open-sans"
for f in $FONTS; do dpkg -s "$f" >/dev/null 2>&1 || echo "train.sh: font package $f is missing (apt-get install -y $FONTS); the data will differ from the committed models'" >&2; done

SETS="${READER_SETS:-11 12}"
DATA=()
for s in $SETS; do
  "$PY" gen_reader.py --count 24000 --seed "$s" --workers "${TRAIN_WORKERS:-2}"
  DATA+=(".cache/reader-$s-24000.npz")
done
# Stage 1 on the first set, stage 2 fine-tunes on all of them (the committed models were made so).
"$PY" train_reader.py --data "${DATA[0]}" --epochs 4 --version stage1
cp .cache/reader.pt .cache/reader-stage1.pt
"$PY" train_reader.py --data "${DATA[@]}" --epochs "${READER_EPOCHS:-3}" --lr 2e-3 --init .cache/reader-stage1.pt \
  --version "${VERSION:-0.2}" --export
"$PY" train_detector.py --scenes 2000 --steps 1000 --workers "${TRAIN_WORKERS:-2}" --version stage1
cp .cache/detector.pt .cache/detector-stage1.pt
"$PY" train_detector.py --scenes "${DETECTOR_SCENES:-4000}" --steps "${DETECTOR_STEPS:-2000}" --seed 12 \
  --init .cache/detector-stage1.pt --workers "${TRAIN_WORKERS:-2}" --version "${VERSION:-0.2}" --export
"$PY" eval_reader.py || true     # prints a skip line when ../shared/data is absent
"$PY" eval_detector.py || true
