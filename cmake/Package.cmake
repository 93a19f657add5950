# The release package (preset `release`): the one `logbook` executable, app embedded,
# as logbook-VERSION-linux-x86_64.tar.gz and a .deb, each with a .sha256 beside it.
#   cmake --build --preset release --target logbook && cpack --preset release
# (scripts/release.sh does both after the wasm build). Only bin/logbook is installed.
set(CPACK_PACKAGE_NAME logbook)
set(CPACK_PACKAGE_VENDOR "Logbook")
set(CPACK_PACKAGE_CONTACT "Logbook maintainers <https://github.com/${LOGBOOK_GITHUB_REPOSITORY}/issues>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "A knowledge base and decision log built from Markdown in your repository")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/${LOGBOOK_GITHUB_REPOSITORY}")
set(CPACK_PACKAGE_FILE_NAME "logbook-${PROJECT_VERSION}-linux-x86_64")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_GENERATOR TGZ DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME "${CPACK_PACKAGE_FILE_NAME}.deb")
set(CPACK_DEBIAN_PACKAGE_SECTION doc)
# What the binary still needs from the system (glibc only), found by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The font subsetter and faces the build uses for scripts the bundled fonts lack; without
# them a site still builds and says which characters it could not cover.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fonttools, fonts-noto-core, fonts-droid-fallback")
include(CPack)
