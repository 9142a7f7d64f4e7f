#!/usr/bin/env bash
# Regenerates the README's pictures (docs/*.png) from the pages as they are now, through Debian's Chromium:
# Browser/ReadmeScreenshotsTests takes all five, and UPDATE_SCREENSHOTS=1 lets it replace the committed files.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_SCREENSHOTS=1 dotnet test HerokuOAuthMvc.sln --filter "FullyQualifiedName~HerokuOAuthMvc.Tests.Browser.ReadmeScreenshotsTests" "$@"
