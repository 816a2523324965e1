#!/usr/bin/env bash
# Refresh assets/js/plotly-basic.min.js from the npm registry, at the plotly.js version that the
# installed plotly Python package bundles (tests/test_assets.py checks that they match).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python -c "import plotly, pathlib, re; p = pathlib.Path(plotly.__file__).parent / 'package_data/plotly.min.js'; print(re.search(r'plotly.js v([0-9.]+)', p.read_text()[:400]).group(1))")
tmp=$(mktemp -d)
(cd "$tmp" && npm pack -q "plotly.js-basic-dist-min@$version" >/dev/null && tar xzf ./*.tgz)
cp "$tmp/package/plotly-basic.min.js" assets/js/plotly-basic.min.js
cp "$tmp/package/LICENSE" assets/js/plotly-LICENSE.txt
python - "$version" <<'PY'
import hashlib, json, sys
path = "assets/js/VENDOR.json"
meta = json.load(open(path))
entry = meta["plotly-basic.min.js"]
entry["version"] = sys.argv[1]
entry["sha256"] = hashlib.sha256(open("assets/js/plotly-basic.min.js", "rb").read()).hexdigest()
open(path, "w").write(json.dumps(meta, indent=1) + "\n")
PY
rm -rf "$tmp"
echo "plotly-basic $version vendored"
