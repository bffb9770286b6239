#!/usr/bin/env bash
# Re-renders the committed application icon files from the SVG master.
# Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (Debian: imagemagick).
# The build never runs this: the PNGs and the .ico are committed so no converter is needed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_id="io.tenantdesk.TenantDesk"
icons="${here}/../resources/icons/app"
svg="${icons}/${app_id}.svg"

for size in 16 32 48 64 128 256 512; do
    mkdir -p "${icons}/${size}x${size}"
    rsvg-convert -w "${size}" -h "${size}" "${svg}" -o "${icons}/${size}x${size}/${app_id}.png"
done

# Windows: one .ico holding the sizes Explorer and the taskbar ask for.
convert "${icons}"/{16x16,32x32,48x48,64x64,128x128,256x256}/"${app_id}.png" \
    -define png:exclude-chunks=date,time "${here}/windows/${app_id}.ico"
echo "Rendered ${svg} to ${icons}/<size>/${app_id}.png and packaging/windows/${app_id}.ico"
