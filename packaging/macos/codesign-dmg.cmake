# CPack post-build script (CPACK_POST_BUILD_SCRIPTS) on macOS: signs the disk image with the
# identity given in the CODESIGN_IDENTITY cache variable at configure time. The application
# bundle inside was already signed by the install-time deploy step (packaging/CMakeLists.txt).
if(NOT CPACK_TENANTDESK_CODESIGN_IDENTITY)
    return()
endif()
foreach(package_file IN LISTS CPACK_PACKAGE_FILES)
    if(NOT package_file MATCHES "\\.dmg$")
        continue()
    endif()
    message(STATUS "Signing ${package_file} as '${CPACK_TENANTDESK_CODESIGN_IDENTITY}'")
    execute_process(
        COMMAND codesign --force --timestamp --sign "${CPACK_TENANTDESK_CODESIGN_IDENTITY}" "${package_file}"
        RESULT_VARIABLE result)
    if(result)
        message(FATAL_ERROR "codesign failed for ${package_file}: ${result}")
    endif()
    execute_process(COMMAND codesign --verify --verbose=2 "${package_file}" RESULT_VARIABLE result)
    if(result)
        message(FATAL_ERROR "codesign --verify failed for ${package_file}: ${result}")
    endif()
endforeach()
