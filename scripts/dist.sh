#!/usr/bin/env bash
# `make dist`: a self-contained static site (relative paths only, no request to any other host) in
# dist/site, an npm package of the same files (the custom element, the pages, the wasm) packed
# as dist/backprop-playground-<version>.tgz, and the notebook widget's wheel (python/, carrying
# the same site) as dist/backprop_playground-<version>-py3-none-any.whl.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
mkdir -p dist/site dist/npm
cp -r www/. dist/site/
cp -r www/. dist/npm/
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
cat > dist/npm/package.json <<JSON
{
  "name": "backprop-playground",
  "version": "$version",
  "description": "Watch a neural network learn by backpropagation: an embeddable playground (custom element <backprop-playground>, static pages and the WebAssembly core).",
  "type": "module",
  "main": "backprop-playground.js",
  "types": "backprop-playground.d.ts",
  "customElements": "custom-elements.json",
  "exports": {
    ".": { "types": "./backprop-playground.d.ts", "default": "./backprop-playground.js" },
    "./client": { "types": "./embed/client.d.ts", "default": "./embed/client.js" },
    "./protocol": { "types": "./embed/protocol.d.ts", "default": "./embed/protocol.js" },
    "./*": "./*"
  },
  "license": "MIT",
  "keywords": ["neural network", "backpropagation", "education", "webassembly", "custom element"]
}
JSON
cat > dist/npm/README.md <<'MD'
# backprop-playground

Watch a neural network learn by backpropagation, embedded in your page.

```html
<script type="module" src="node_modules/backprop-playground/backprop-playground.js"></script>
<backprop-playground preset="deadRelu" controls="play,step,learningRate"></backprop-playground>
```

Types come with it (`backprop-playground.d.ts`, `custom-elements.json`); the iframe client is
`import { connect } from 'backprop-playground/client'`. With a bundler, copy the package's folder
into the static folder (Vite: `public/playground`) and give the element `src="/playground/index.html"`.

The package holds the whole static playground (`index.html`, `docs.html`, the wasm in `pkg/`);
`docs.html` documents the attributes, methods, events and the message API.
MD
(cd dist/npm && npm pack --pack-destination .. --silent >/dev/null)

# The wheel, built from a staged copy (outside the repository, so that no .gitignore hides the
# site) by the pinned hatchling in the project's own .venv-build.
scripts/python-venv.sh build python/requirements-build.txt
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r python/pyproject.toml python/README.md python/src "$stage/"
mkdir "$stage/site" && cp -r www/. "$stage/site/"
sed -i "s/^version = \"0.0.0\"$/version = \"$version\"/" "$stage/pyproject.toml"
.venv-build/bin/python -m pip wheel --quiet --no-deps --no-build-isolation "$stage" -w dist
echo "dist/site: the static site; $(ls dist/*.tgz): the npm package; $(ls dist/*.whl): the notebook widget"
