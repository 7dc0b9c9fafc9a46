# parley: the two commands of the README, and the steps behind them.
#   make demo   install dependencies, build, run the flagship forecast
#   make test   install dependencies, build, run every test
#   make python install dependencies, build, install the Python module `parley`
BUILD   ?= build
JOBS    ?= 2
CMAKE_FLAGS ?=
# ccache keys on paths relative to the checkout, so clones share the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps build demo test python test-mpi bench fuzz format clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/parley run scenarios/ukraine-2026.yaml --model compromise
	./$(BUILD)/parley run scenarios/ukraine-2026.yaml
	./$(BUILD)/parley report scenarios/ukraine-2026.yaml --model war -o $(BUILD)/ukraine-2026.html
	@echo "report: $(abspath $(BUILD)/ukraine-2026.html)"

# TEST_FILTER: a ctest regular expression selecting tests (default: all).
TEST_FILTER ?=
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) $(if $(TEST_FILTER),-R '$(TEST_FILTER)')

# The Python module into /usr/bin/python3's site-packages (docs/python.md).
python: build
	cmake --install $(BUILD) --component python

# Distributed ensembles: Open MPI, a build with -DPARLEY_MPI=ON, the mpirun test.
test-mpi:
	PARLEY_EXTRA_DEPS="libopenmpi-dev openmpi-bin" bash scripts/install-deps.sh
	cmake -S . -B $(BUILD)-mpi -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLEY_MPI=ON -DPARLEY_BENCH=OFF
	cmake --build $(BUILD)-mpi -j $(JOBS) --target parley parley_tests
	./$(BUILD)-mpi/tests/parley_tests --gtest_filter='EnsembleCli*'

# Fuzzing (clang + libFuzzer): every input parser for FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz:
	@PARLEY_EXTRA_DEPS="clang libclang-rt-14-dev" bash scripts/install-deps.sh
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPARLEY_FUZZ=ON -DPARLEY_TESTS=OFF -DPARLEY_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS) --target $$(for t in yaml json bdm ktab_csv ktab_xml deu decide long auto set calibration war_outcomes; do printf 'fuzz_%s ' $$t; done)
	bash scripts/run-fuzz.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	./$(BUILD)/bench/parley_bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD)
