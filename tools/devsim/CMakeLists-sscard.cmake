# The social-security card's stand-ins (issue 8), included from
# src/agent/CMakeLists.txt: the virtual card for vsmartcard-vpcd and two
# builds of a fake ministry-standard vendor driver (one without iReadCardBas).
# Binaries land beside the other simulators in <build>/tools/devsim.
set(YC_SSCARD_SIM_DIR ${PROJECT_SOURCE_DIR}/tools/devsim)

add_executable(yc-sscard-vcard ${YC_SSCARD_SIM_DIR}/sscard_vcard.cpp)
target_link_libraries(yc-sscard-vcard PRIVATE yc_warnings)
set_target_properties(yc-sscard-vcard PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tools/devsim)

add_library(yc-sscard-vendor-fake MODULE ${YC_SSCARD_SIM_DIR}/sscard_vcard.cpp)
target_compile_definitions(yc-sscard-vendor-fake PRIVATE YC_SSCARD_VENDOR_FAKE)
target_link_libraries(yc-sscard-vendor-fake PRIVATE yc_warnings)

add_library(yc-sscard-vendor-nosym MODULE ${YC_SSCARD_SIM_DIR}/sscard_vcard.cpp)
target_compile_definitions(yc-sscard-vendor-nosym PRIVATE YC_SSCARD_VENDOR_FAKE YC_SSCARD_VENDOR_FAKE_NOSYM)
target_link_libraries(yc-sscard-vendor-nosym PRIVATE yc_warnings)

set_target_properties(yc-sscard-vendor-fake yc-sscard-vendor-nosym PROPERTIES
  LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tools/devsim)
