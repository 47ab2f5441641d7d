# The tests of `rectify train` (tools/rectify/train_command.cc and the
# rectify_train library). include()d from test/CMakeLists.txt; every case
# has the label "train".
#
#   train-idx-test, train-softmax-test, train-optimizer-test, train-mlp-test,
#   train-report-test
#                          unit tests of the parts, on crafted or synthetic data
#   train-smoke            one short epoch of relu and gelu on 2000 images,
#                          with --out (needs the Fashion-MNIST package)
#   train-usage-*          bad options and data: exit status exactly 2
if(NOT TARGET rectify_train)
  return()
endif()

foreach(name IN ITEMS train-idx-test train-softmax-test train-optimizer-test train-mlp-test
                     train-report-test)
  add_executable(${name} ${name}.cc)
  target_link_libraries(${name} PRIVATE rectify_train GTest::gtest_main rectify_build_flags)
  set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS train)
endforeach()
target_link_libraries(train-idx-test PRIVATE ZLIB::ZLIB)  # writes the crafted files

set(rectify_train_data_dir /usr/share/datasets/fashion-mnist)
set(rectify_train_out "${CMAKE_CURRENT_BINARY_DIR}/train-smoke")
add_test(NAME train-smoke
  COMMAND rectify_cli train --epochs 1 --limit-train 2000 --activation relu,gelu
          --data ${rectify_train_data_dir} --out ${rectify_train_out})
set_tests_properties(train-smoke PROPERTIES
  LABELS train TIMEOUT 120
  PASS_REGULAR_EXPRESSION "wrote .*train.csv and .*train.json")
if(NOT EXISTS "${rectify_train_data_dir}/train-images-idx3-ubyte.gz")
  # Skipped, not failed, without the data (Debian: dataset-fashion-mnist).
  set_tests_properties(train-smoke PROPERTIES DISABLED TRUE)
endif()

# Each must exit with status 2 (a usage error), not 1 or a crash.
set(rectify_train_usage_cases
  "unknown-activation|--activation relu,not_an_op"
  "epochs-0|--epochs 0"
  "batch-0|--batch 0"
  "lr-0|--lr 0"
  "momentum-1|--optimizer sgd --momentum 1"
  "hidden-0|--hidden 256,0"
  "unknown-scenario|--scenario nope"
  "missing-data|--data ${CMAKE_CURRENT_BINARY_DIR}/no-such-dir")
foreach(usage_case IN LISTS rectify_train_usage_cases)
  string(REPLACE "|" ";" usage_case "${usage_case}")
  list(GET usage_case 0 name)
  list(GET usage_case 1 arguments)
  add_test(NAME train-usage-${name}
    COMMAND sh -c "\"$0\" train --limit-train 100 ${arguments}; test $? -eq 2"
            $<TARGET_FILE:rectify_cli>)
  set_tests_properties(train-usage-${name} PROPERTIES LABELS train)
endforeach()
