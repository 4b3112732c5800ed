#!/usr/bin/env bash
# Reproduces models/: generates the synthetic sets, trains the reader and the detector, exports ONNX
# and sidecars, and evaluates on ../shared/data when it is there (evaluation only, never training).
# CPU by default (Debian's python3-torch); CUDA is used when torch sees it. Seeded.
#   TRAIN_THREADS=2 recognition/train/train.sh            # the committed models' recipe
#   READER_SETS="11 12 13 14" READER_EPOCHS=8 train.sh      # a longer run
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-/usr/bin/python3}"
"$PY" -c 'import torch, cv2, PIL, numpy' 2>/dev/null || {
  echo "train.sh: $PY lacks torch/cv2/PIL/numpy: apt-get install -y python3-torch python3-opencv python3-pil python3-numpy" >&2; exit 2; }
# Fonts the renderer draws with (Debian packages; all under free licences, see models/MODEL_CARD.md).
FONTS="fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-roboto-unhinted fonts-bebas-neue fonts-opendin fonts-croscore fonts-noto-core fonts-open-sans"
for f in $FONTS; do dpkg -s "$f" >/dev/null 2>&1 || echo "train.sh: font package $f is missing (apt-get install -y $FONTS); the data will differ from the committed models'" >&2; done

SETS="${READER_SETS:-11 12 13}"
DATA=()
for s in $SETS; do
  "$PY" gen_reader.py --count 24000 --seed "$s" --workers "${TRAIN_WORKERS:-2}"
  DATA+=(".cache/reader-$s-24000.npz")
done
# The shipped reader (0.3): stage 1 on the first set, stage 2 on the first two, stage 3 on all three,
# each fine-tuning the last (a fourth stage at lr 8e-4 gained nothing: 33.3% vs 33.4%).
"$PY" train_reader.py --data "${DATA[0]}" --epochs 4 --version stage1
cp .cache/reader.pt .cache/reader-stage1.pt
"$PY" train_reader.py --data "${DATA[@]:0:2}" --epochs 3 --lr 2e-3 --init .cache/reader-stage1.pt --version stage2
cp .cache/reader.pt .cache/reader-stage2.pt
"$PY" train_reader.py --data "${DATA[@]}" --epochs "${READER_EPOCHS:-4}" --lr 1.5e-3 --init .cache/reader-stage2.pt \
  --version "${VERSION:-0.3}" --export
# The shipped detector (0.2): stage 1, then 2,000 steps on 4,000 new scenes (3,000 more gained nothing).
"$PY" train_detector.py --scenes 2000 --steps 1000 --workers "${TRAIN_WORKERS:-2}" --version stage1
cp .cache/detector.pt .cache/detector-stage1.pt
"$PY" train_detector.py --scenes "${DETECTOR_SCENES:-4000}" --steps "${DETECTOR_STEPS:-2000}" --seed 12 \
  --init .cache/detector-stage1.pt --workers "${TRAIN_WORKERS:-2}" --version 0.2 --export
"$PY" eval_reader.py || true     # prints a skip line when ../shared/data is absent
"$PY" eval_detector.py || true
