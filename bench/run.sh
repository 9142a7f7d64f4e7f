#!/usr/bin/env bash
# The bench: publishes the app as the Heroku buildpack does (Release, linux-x64), publishes a bare Kestrel "hello"
# as the ceiling and the stock MVC template as the baseline, then measures boot, throughput (wrk, loopback only,
# bounded), RSS and Heroku API calls per view.
# Writes bench/results/latest.json and bench/results/latest.svg. Not part of `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out="$PWD/bench/out"
rm -rf "$out/app" "$out/hello" "$out/stock"
# The buildpack's command, for the web project alone and into a folder the bench owns.
dotnet publish HerokuOAuthMvc/HerokuOAuthMvc.csproj -c Release --runtime linux-x64 -p:PublishDir="$out/app/" -nologo -v quiet
dotnet publish bench/Hello/Hello.csproj -c Release --runtime linux-x64 -p:PublishDir="$out/hello/" -nologo -v quiet
# The stock MVC template, as `dotnet new mvc` makes it today, published the same way: the baseline the targets were set
# against. Made outside the repository so the repository's build settings do not apply to it.
stock_source="$(mktemp -d "${TMPDIR:-/tmp}/herokuoauthmvc-bench-stock-XXXXXX")"
trap 'rm -rf "$stock_source"' EXIT
dotnet new mvc --name Stock --framework net10.0 --output "$stock_source" >/dev/null
dotnet publish "$stock_source/Stock.csproj" -c Release --runtime linux-x64 -p:PublishDir="$out/stock/" -nologo -v quiet
dotnet build bench/HerokuOAuthMvc.Bench/HerokuOAuthMvc.Bench.csproj -c Release -o "$out/bench" -nologo -v quiet

dotnet "$out/bench/HerokuOAuthMvc.Bench.dll" \
  --app "$out/app/HerokuOAuthMvc" --hello "$out/hello/Hello" --stock "$out/stock/Stock" --results bench/results "$@"
