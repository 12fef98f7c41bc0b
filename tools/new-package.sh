#!/usr/bin/env bash
# Scaffolds packages/<name> with the workspace's conventions: usage tools/new-package.sh <name> "<description>" [dep ...]
set -euo pipefail
name=$1; desc=$2; shift 2
dir=packages/$name
mkdir -p "$dir/src" "$dir/test"
deps=""; refs=""
for d in "$@"; do
  deps+="\"@nabla/$d\": \"*\", "
  refs+="{ \"path\": \"../$d/tsconfig.lib.json\" }, "
done
cat > "$dir/package.json" <<JSON
{
  "name": "@nabla/$name",
  "version": "0.1.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "exports": {
    ".": { "@nabla/source": "./src/index.ts", "types": "./dist/index.d.ts", "default": "./dist/index.js" },
    "./package.json": "./package.json"
  },
  "types": "./dist/index.d.ts",
  "files": ["dist", "!dist/**/*.tsbuildinfo", "!dist/**/*.map"],
  "sideEffects": false,
  "scripts": {
    "build": "tsc -b tsconfig.lib.json",
    "test": "mocha"
  },
  "dependencies": { ${deps%, } }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "files": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "tsBuildInfoFile": "dist/tsconfig.lib.tsbuildinfo" },
  "include": ["src/**/*.ts"],
  "references": [${refs%, }]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": ".", "outDir": "out/spec", "tsBuildInfoFile": "out/spec/tsconfig.spec.tsbuildinfo", "noEmit": true, "composite": false, "declaration": false, "declarationMap": false, "types": ["node", "mocha"] },
  "include": ["src/**/*.ts", "test/**/*.ts"],
  "references": [${refs%, }]
}
JSON
cat > "$dir/.mocharc.json" <<JSON
{
  "node-option": ["conditions=@nabla/source", "import=tsx"],
  "spec": ["test/**/*.spec.ts"],
  "timeout": 60000
}
JSON
