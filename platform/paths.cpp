#include "platform.hpp"

#include <SDL.h>

namespace amorce::platform {

std::string default_data_dir() {
    char* p = SDL_GetPrefPath("Afpa", "Amorce");
    if (!p) return {};
    std::string out(p);
    SDL_free(p);
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

} // namespace amorce::platform
