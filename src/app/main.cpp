#include "app/run.hpp"

int main(int argc, char** argv) { return amorce::app::main_entry(argc, argv); }
