#!/usr/bin/env bash
# Builds the Linux packages of TenantDesk and checks them end to end on Debian 12 (run as root):
#   - the .deb: control fields and dependencies, file list, stripped binaries, compressed man pages;
#     installed with apt, the programs run (tenantdesk offscreen), the sandbox starts and stops,
#     desktop entry / AppStream metainfo / icons / man pages validate; removed again, nothing left;
#   - the .rpm: file list and requirements (rpm -qpl, rpm -qpR), stripped binaries;
#   - the .tar.gz: file list.
# Usage: packaging/check-linux-packages.sh <build-dir> [--no-build]
#   <build-dir>  a configured TenantDesk build tree (cmake -S . -B <build-dir>)
#   --no-build   check the packages already in <build-dir>/packages instead of rebuilding them
# Exit status: 0 when every check passed, 1 when any failed (each failure is printed), 2 on bad usage.
set -uo pipefail

usage() { echo "usage: $0 <build-dir> [--no-build]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
build_dir="$(realpath -e "$1" 2>/dev/null)" || { echo "error: build dir '$1' does not exist" >&2; exit 2; }
rebuild=1
if [[ $# -eq 2 ]]; then [[ "$2" == "--no-build" ]] && rebuild=0 || usage; fi

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_id="io.tenantdesk.TenantDesk"
pkg="tenantdesk"
icon_sizes=(16 32 48 64 128 256 512)
# Qt plugins are loaded at run time: these packages must be named in Depends explicitly.
deb_required_depends=(qt6-qpa-plugins libqt6sql6 libqt6sql6-psql libqt6sql6-sqlite libqt6svg6
                      libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libpq5)
deb_required_recommends=(postgresql)
rpm_required_requires=("(qt6-qtbase or libQt6Core6)" "(qt6-qtbase-gui or libQt6Gui6)"
                       "(qt6-qtbase-postgresql or qt6-sql-postgresql)" "(qt6-qtbase or qt6-sql-sqlite)"
                       "(qt6-qtcharts or libQt6Charts6)" "(qt6-qtsvg or libQt6Svg6)" "(libpq or libpq5)"
                       "libQt6Core.so.6()(64bit)" "libQt6Gui.so.6()(64bit)" "libQt6Widgets.so.6()(64bit)"
                       "libQt6Charts.so.6()(64bit)" "libpq.so.5()(64bit)")

failures=0
step()  { printf '\n=== %s\n' "$*"; }
ok()    { printf '  ok    %s\n' "$*"; }
warn()  { printf '  WARN  %s\n' "$*"; }
fail()  { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
fatal() { printf '  FATAL %s\n' "$*"; exit 1; }
check() {  # check "<description>" command...: ok when the command succeeds
    local what="$1"; shift
    local out
    if out="$("$@" 2>&1)"; then ok "${what}"; else fail "${what}"; printf '%s\n' "${out}" | sed 's/^/        /' | head -40; fi
}

# The files every package must contain, relative to the installation prefix (/usr for deb/rpm).
expected_files() {
    echo "bin/tenantctl"
    echo "bin/tenantdesk"
    echo "share/applications/${app_id}.desktop"
    echo "share/metainfo/${app_id}.metainfo.xml"
    echo "share/icons/hicolor/scalable/apps/${app_id}.svg"
    for s in "${icon_sizes[@]}"; do echo "share/icons/hicolor/${s}x${s}/apps/${app_id}.png"; done
    echo "share/man/man1/tenantctl.1.gz"
    echo "share/man/man1/tenantdesk.1.gz"
    [[ -f "${source_dir}/LICENSE" ]] && echo "share/doc/tenantdesk/copyright"
    return 0
}
compare_file_lists() {  # compare_file_lists <label> <file with actual relative paths>
    local label="$1" actual="$2"
    local missing unexpected
    missing="$(comm -23 <(expected_files | sort) <(sort -u "${actual}"))"
    unexpected="$(comm -13 <(expected_files | sort) <(sort -u "${actual}"))"
    if [[ -z "${missing}" && -z "${unexpected}" ]]; then
        ok "${label}: file list is exactly the expected $(expected_files | wc -l) files"
    else
        fail "${label}: file list differs from the expected one"
        [[ -n "${missing}" ]] && printf '        missing:    %s\n' ${missing}
        [[ -n "${unexpected}" ]] && printf '        unexpected: %s\n' ${unexpected}
    fi
}
check_stripped() {  # check_stripped <label> <root dir holding bin/>
    local label="$1" root="$2" b info
    for b in tenantdesk tenantctl; do
        info="$(file -b "${root}/bin/${b}" 2>&1)"
        if [[ "${info}" == *ELF* && "${info}" == *", stripped"* ]]; then
            ok "${label}: bin/${b} is a stripped ELF executable"
        else
            fail "${label}: bin/${b} is not a stripped ELF executable: ${info}"
        fi
    done
}

[[ ${EUID} -eq 0 ]] || fatal "run as root: the check installs and removes the .deb with apt-get"
command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || fatal "needs a Debian-based system (dpkg-deb, apt-get)"
[[ -f "${build_dir}/CPackConfig.cmake" ]] || fatal "${build_dir} is not a configured TenantDesk build tree (no CPackConfig.cmake)"

work="$(mktemp -d /tmp/tenantdesk-pkgcheck.XXXXXX)"
chmod 755 "${work}"  # the sandbox servers run as the postgres user and must reach their folder
installed_by_us=0
sandbox_dir="${work}/sandbox"
cleanup() {
    if [[ -d "${sandbox_dir}" ]] && command -v tenantctl >/dev/null; then
        tenantctl sandbox down --dir "${sandbox_dir}" --purge >/dev/null 2>&1 || true
    fi
    if [[ ${installed_by_us} -eq 1 ]] && dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q "ok installed"; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y "${pkg}" >/dev/null 2>&1 || true
    fi
    rm -rf "${work}"
}
trap cleanup EXIT

# Tools the checks use (Debian packages; apt works against the configured mirror).
need_pkgs=()
command -v desktop-file-validate >/dev/null || need_pkgs+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need_pkgs+=(appstream)
command -v file >/dev/null || need_pkgs+=(file)
command -v groff >/dev/null || need_pkgs+=(groff-base)
if command -v rpm >/dev/null; then
    command -v rpm2cpio >/dev/null || need_pkgs+=(rpm2cpio)
    command -v cpio >/dev/null || need_pkgs+=(cpio)
fi
if [[ ${#need_pkgs[@]} -gt 0 ]]; then
    step "Installing check tools: ${need_pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need_pkgs[@]}" >/dev/null \
        || fatal "cannot install ${need_pkgs[*]}"
fi

# --------------------------------------------------------------------------------------------
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "${build_dir}/CPackConfig.cmake")"
[[ -n "${version}" ]] || fatal "cannot read CPACK_PACKAGE_VERSION from ${build_dir}/CPackConfig.cmake"
arch="$(dpkg --print-architecture)"
rpm_arch="$(uname -m)"
pkg_dir="${build_dir}/packages"
deb="${pkg_dir}/${pkg}_${version}-1_${arch}.deb"
rpm_file="${pkg_dir}/${pkg}-${version}-1.${rpm_arch}.rpm"
tgz="${pkg_dir}/${pkg}-${version}-Linux.tar.gz"

if [[ ${rebuild} -eq 1 ]]; then
    step "Building the packages: cmake --build ${build_dir} --target package"
    rm -f "${deb}" "${rpm_file}" "${tgz}"
    if ! cmake --build "${build_dir}" --target package > "${work}/package.log" 2>&1; then
        tail -40 "${work}/package.log"
        fatal "cmake --build ${build_dir} --target package failed (log above)"
    fi
    grep -E "CPack: - package: .* generated" "${work}/package.log" | sed 's/^/  /'
fi
[[ -f "${deb}" ]] || fatal "missing ${deb}"

# --------------------------------------------------------------------------------------------
step "Debian package: control fields ($(basename "${deb}"))"
dpkg-deb -I "${deb}" > "${work}/deb-info.txt" || fatal "dpkg-deb -I ${deb} failed"
field() { dpkg-deb -f "${deb}" "$1"; }
[[ "$(field Package)" == "${pkg}" ]] && ok "Package: ${pkg}" || fail "Package is '$(field Package)', expected ${pkg}"
[[ "$(field Version)" == "${version}-1" ]] && ok "Version: ${version}-1" || fail "Version is '$(field Version)', expected ${version}-1"
[[ "$(field Architecture)" == "${arch}" ]] && ok "Architecture: ${arch}" || fail "Architecture is '$(field Architecture)'"
[[ -n "$(field Maintainer)" ]] && ok "Maintainer: $(field Maintainer)" || fail "no Maintainer"
[[ -n "$(field Description)" ]] && ok "Description present" || fail "no Description"
depends="$(field Depends)"
# Names only, one a line, without versions or alternatives markers.
dep_names() { tr ',|' '\n\n' <<<"$1" | sed 's/(.*)//; s/[[:space:]]//g' | grep -v '^$' | sort -u; }
for d in "${deb_required_depends[@]}"; do
    dep_names "${depends}" | grep -qx "${d}" && ok "Depends on ${d}" || fail "Depends lacks ${d}: ${depends}"
done
for d in "${deb_required_recommends[@]}"; do
    dep_names "$(field Recommends)" | grep -qx "${d}" && ok "Recommends ${d}" || fail "Recommends lacks ${d}: $(field Recommends)"
done

step "Debian package: contents"
dpkg-deb -c "${deb}" > "${work}/deb-contents.txt" || fatal "dpkg-deb -c failed"
awk '$1 !~ /^d/ {print $6}' "${work}/deb-contents.txt" | sed 's|^\./usr/||' > "${work}/deb-files.txt"
compare_file_lists "deb" "${work}/deb-files.txt"
if awk '$1 !~ /^d/ {print $6}' "${work}/deb-contents.txt" | grep -v '^\./usr/' | grep -q .; then
    fail "deb installs files outside /usr"
fi
if awk '{print $2}' "${work}/deb-contents.txt" | grep -qv '^root/root$'; then
    fail "deb contains files not owned by root/root"
else
    ok "all files owned by root/root"
fi
bad_modes="$(awk '$1 !~ /^d/ && $6 ~ /\/bin\// && $1 != "-rwxr-xr-x" {print $6" "$1} $1 !~ /^d/ && $6 !~ /\/bin\// && $1 != "-rw-r--r--" {print $6" "$1}' "${work}/deb-contents.txt")"
[[ -z "${bad_modes}" ]] && ok "file modes 755 (bin) / 644 (data)" || fail "unexpected file modes: ${bad_modes}"
mkdir -p "${work}/deb-root"
dpkg-deb -x "${deb}" "${work}/deb-root"
check_stripped "deb" "${work}/deb-root/usr"
check "appstreamcli validate-tree --no-net: metainfo, desktop entry and icon agree" \
    appstreamcli validate-tree --no-net "${work}/deb-root"
for m in tenantdesk tenantctl; do
    check "deb: man page ${m}.1.gz is gzip data" gzip -t "${work}/deb-root/usr/share/man/man1/${m}.1.gz"
done

# --------------------------------------------------------------------------------------------
step "Installing the .deb with apt-get"
if dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q "ok installed"; then
    warn "${pkg} was already installed: removing it first"
    DEBIAN_FRONTEND=noninteractive apt-get remove -y "${pkg}" >/dev/null 2>&1 || fatal "cannot remove the installed ${pkg}"
fi
if DEBIAN_FRONTEND=noninteractive apt-get install -y "${deb}" > "${work}/apt-install.log" 2>&1; then
    installed_by_us=1
    ok "apt-get install -y ${deb}"
else
    tail -30 "${work}/apt-install.log"
    fatal "apt-get install of ${deb} failed (log above)"
fi
dpkg -L "${pkg}" > "${work}/installed-list.txt"
for f in $(expected_files); do
    [[ -f "/usr/${f}" ]] || fail "not installed: /usr/${f}"
done
ok "all $(expected_files | wc -l) files present under /usr"
for d in "${deb_required_depends[@]}"; do
    dpkg-query -W -f='${Status}' "${d}" 2>/dev/null | grep -q "ok installed" || fail "dependency ${d} not installed by apt"
done
ok "dependencies installed: ${deb_required_depends[*]}"
for b in tenantdesk tenantctl; do
    missing_libs="$(ldd "/usr/bin/${b}" | grep 'not found')"
    [[ -z "${missing_libs}" ]] && ok "ldd /usr/bin/${b}: all libraries found" || fail "ldd /usr/bin/${b}: ${missing_libs}"
done

# --------------------------------------------------------------------------------------------
step "Running the installed programs"
export HOME="${work}/home" XDG_CONFIG_HOME="${work}/home/.config" XDG_RUNTIME_DIR="${work}/runtime"
mkdir -p "${HOME}" "${XDG_RUNTIME_DIR}" && chmod 700 "${XDG_RUNTIME_DIR}"
export QT_QPA_PLATFORM=offscreen
out="$(tenantctl --version 2>&1)"
[[ $? -eq 0 && "${out}" == *"${version}"* ]] && ok "tenantctl --version: ${out}" || fail "tenantctl --version: '${out}'"
out="$(timeout 30 tenantdesk --version 2>&1)"
[[ $? -eq 0 && "${out}" == *"${version}"* ]] && ok "tenantdesk --version: ${out}" || fail "tenantdesk --version (expected exit 0 and '${version}'): '${out}'"
out="$(timeout 30 tenantdesk --help 2>&1)"
[[ $? -eq 0 && "${out}" == *"--version"* ]] && ok "tenantdesk --help lists --version" || fail "tenantdesk --help: '${out}'"

# The GUI smoke test: open the main window offscreen and quit once the event loop runs.
if grep -q -- "--smoke-test" <<<"${out}"; then
    out="$(timeout 60 tenantdesk --smoke-test 2>&1)"; rc=$?
    [[ ${rc} -eq 0 ]] && ok "tenantdesk --smoke-test (offscreen) exited 0" || fail "tenantdesk --smoke-test exited ${rc}: ${out}"
else
    warn "tenantdesk has no --smoke-test option yet: starting it for 5 s and stopping it with SIGTERM"
    out="$(timeout -s TERM 5 tenantdesk 2>&1)"; rc=$?
    # 124: still running when timeout sent SIGTERM (and it then exited): it started fine.
    [[ ${rc} -eq 0 || ${rc} -eq 124 ]] && ok "tenantdesk started offscreen (exit ${rc})" || fail "tenantdesk exited ${rc}: ${out}"
fi

# The sandbox fleet from the installed tenantctl (PostgreSQL server packages are Recommends).
if tenantctl --help 2>&1 | grep -qE '^[[:space:]]+sandbox[[:space:]]'; then
    if tenantctl sandbox up --dir "${sandbox_dir}" > "${work}/sandbox-up.log" 2>&1; then
        ok "tenantctl sandbox up --dir ${sandbox_dir}"
        check "tenantctl sandbox status" tenantctl sandbox status --dir "${sandbox_dir}"
        check "tenantctl sandbox down --purge" tenantctl sandbox down --dir "${sandbox_dir}" --purge
        [[ ! -e "${sandbox_dir}" ]] && ok "sandbox folder removed by --purge" || fail "sandbox folder ${sandbox_dir} still exists after --purge"
    else
        fail "tenantctl sandbox up failed:"; tail -30 "${work}/sandbox-up.log" | sed 's/^/        /'
    fi
else
    warn "tenantctl has no 'sandbox' command yet: sandbox up/down not checked"
fi

# --------------------------------------------------------------------------------------------
step "Desktop integration files as installed"
check "desktop-file-validate /usr/share/applications/${app_id}.desktop" \
    desktop-file-validate "/usr/share/applications/${app_id}.desktop"
out="$(appstreamcli validate --no-net "/usr/share/metainfo/${app_id}.metainfo.xml" 2>&1)"
if [[ $? -eq 0 ]]; then ok "appstreamcli validate --no-net: $(tail -1 <<<"${out}")"
else fail "appstreamcli validate --no-net:"; sed 's/^/        /' <<<"${out}"; fi
grep -q "^Icon=${app_id}$" "/usr/share/applications/${app_id}.desktop" && ok "desktop entry Icon=${app_id}" || fail "desktop entry Icon is not ${app_id}"
grep -q "^Exec=tenantdesk" "/usr/share/applications/${app_id}.desktop" && ok "desktop entry Exec=tenantdesk ..." || fail "desktop entry Exec does not start tenantdesk"
grep -q "<launchable type=\"desktop-id\">${app_id}.desktop</launchable>" "/usr/share/metainfo/${app_id}.metainfo.xml" \
    && ok "metainfo launchable ${app_id}.desktop" || fail "metainfo launchable does not name ${app_id}.desktop"
grep -q "<release version=\"${version}\"" "/usr/share/metainfo/${app_id}.metainfo.xml" \
    && ok "metainfo has a release ${version}" || fail "metainfo has no <release version=\"${version}\">"
for s in "${icon_sizes[@]}"; do
    f="/usr/share/icons/hicolor/${s}x${s}/apps/${app_id}.png"
    [[ "$(file -b "${f}" 2>&1)" == "PNG image data, ${s} x ${s},"* ]] || fail "${f} is not a ${s}x${s} PNG: $(file -b "${f}" 2>&1)"
done
ok "hicolor PNG icons ${icon_sizes[*]} present with the right sizes"
f="/usr/share/icons/hicolor/scalable/apps/${app_id}.svg"
[[ "$(file -b "${f}" 2>&1)" == *"SVG"* ]] && ok "hicolor scalable icon is SVG" || fail "${f}: $(file -b "${f}" 2>&1)"
for m in tenantdesk tenantctl; do
    check "man -w ${m} finds the installed page" bash -c "man -w ${m} | grep -qx /usr/share/man/man1/${m}.1.gz"
    warnings="$(zcat "/usr/share/man/man1/${m}.1.gz" | groff -man -Tutf8 -ww -z 2>&1)"
    [[ -z "${warnings}" ]] && ok "groff -man -ww: ${m}.1 renders without warnings" || fail "groff warnings in ${m}.1: ${warnings}"
done

# --------------------------------------------------------------------------------------------
step "Removing the .deb with apt-get"
if DEBIAN_FRONTEND=noninteractive apt-get remove -y "${pkg}" > "${work}/apt-remove.log" 2>&1; then
    installed_by_us=0
    ok "apt-get remove -y ${pkg}"
else
    tail -20 "${work}/apt-remove.log"; fail "apt-get remove -y ${pkg} failed"
fi
dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null | grep -q "ok installed" && fail "${pkg} still installed"
left=""
for f in $(expected_files); do [[ -e "/usr/${f}" ]] && left+=" /usr/${f}"; done
[[ -z "${left}" ]] && ok "all installed files are gone" || fail "files left after removal:${left}"

# --------------------------------------------------------------------------------------------
step "RPM package"
if [[ -f "${rpm_file}" ]]; then
    if command -v rpm >/dev/null; then
        # An RPM owns the directory of its own documentation too; the other lists hold files only.
        rpm -qpl "${rpm_file}" 2>/dev/null | sed 's|^/usr/||' | grep -vxF "share/doc/${pkg}" > "${work}/rpm-files.txt"
        compare_file_lists "rpm (rpm -qpl)" "${work}/rpm-files.txt"
        if rpm -qpl "${rpm_file}" 2>/dev/null | grep -v '^/usr/' | grep -q .; then fail "rpm owns paths outside /usr"; fi
        rpm -qpR "${rpm_file}" 2>/dev/null > "${work}/rpm-requires.txt"
        for r in "${rpm_required_requires[@]}"; do
            grep -qxF "${r}" "${work}/rpm-requires.txt" && ok "Requires: ${r}" || fail "rpm -qpR lacks '${r}'"
        done
        name_ver="$(rpm -qp --qf '%{NAME} %{VERSION}-%{RELEASE} %{ARCH}' "${rpm_file}" 2>/dev/null)"
        [[ "${name_ver}" == "${pkg} ${version}-1 ${rpm_arch}" ]] && ok "rpm: ${name_ver}" || fail "rpm name/version/arch: '${name_ver}'"
        mkdir -p "${work}/rpm-root"
        if command -v rpm2cpio >/dev/null && command -v cpio >/dev/null; then
            (cd "${work}/rpm-root" && rpm2cpio "${rpm_file}" | cpio -idm --quiet) && check_stripped "rpm" "${work}/rpm-root/usr"
        else
            warn "rpm2cpio/cpio not installed: stripping of the rpm binaries not checked"
        fi
    else
        warn "rpm not installed: ${rpm_file} not inspected (apt-get install rpm)"
    fi
elif command -v rpmbuild >/dev/null; then
    fail "rpmbuild is installed but ${rpm_file} was not built"
else
    warn "rpmbuild not installed: no RPM built (apt-get install rpm, then reconfigure)"
fi

# --------------------------------------------------------------------------------------------
step "Tarball"
if [[ -f "${tgz}" ]]; then
    top="${pkg}-${version}-Linux/"
    tar -tzf "${tgz}" | grep -v '/$' | sed "s|^${top}||" > "${work}/tgz-files.txt"
    compare_file_lists "tar.gz" "${work}/tgz-files.txt"
    mkdir -p "${work}/tgz-root" && tar -xzf "${tgz}" -C "${work}/tgz-root"
    check_stripped "tar.gz" "${work}/tgz-root/${top}"
else
    fail "missing ${tgz}"
fi

# --------------------------------------------------------------------------------------------
if [[ ${failures} -eq 0 ]]; then
    printf '\nAll package checks passed (%s, %s).\n' "$(basename "${deb}")" "${version}"
    exit 0
fi
printf '\n%d package check(s) FAILED.\n' "${failures}"
exit 1
