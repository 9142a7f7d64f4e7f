#!/usr/bin/env bash
# The bench: publishes the app as the Heroku buildpack does (Release, linux-x64), publishes a bare Kestrel "hello"
# as the ceiling, then measures boot, throughput (wrk, loopback only, bounded), RSS and Heroku API calls per view.
# Writes bench/results/latest.json and bench/results/latest.svg. Not part of `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out="$PWD/bench/out"
rm -rf "$out/app" "$out/hello"
# The buildpack's command, for the web project alone and into a folder the bench owns.
dotnet publish HerokuOAuthMvc/HerokuOAuthMvc.csproj -c Release --runtime linux-x64 -p:PublishDir="$out/app/" -nologo -v quiet
dotnet publish bench/Hello/Hello.csproj -c Release --runtime linux-x64 -p:PublishDir="$out/hello/" -nologo -v quiet
dotnet build bench/HerokuOAuthMvc.Bench/HerokuOAuthMvc.Bench.csproj -c Release -o "$out/bench" -nologo -v quiet

dotnet "$out/bench/HerokuOAuthMvc.Bench.dll" \
  --app "$out/app/HerokuOAuthMvc" --hello "$out/hello/Hello" --results bench/results "$@"
