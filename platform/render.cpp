// Drawing for the platform layer: ImDrawData -> SDL_RenderGeometryRaw, RGBA textures, PNG screenshots.
// Entry points are declared in platform.cpp ([SECTION] Constants and render.cpp entry points).
//
// [SECTION] Draw data
// [SECTION] Textures
// [SECTION] Screenshots
#include <imgui.h>

#include <SDL.h>
#include <stb_image_write.h> // implementation compiled into libstb: no STB_IMAGE_WRITE_IMPLEMENTATION here

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace amorce::platform::render {

// [SECTION] Draw data
namespace {

static_assert(sizeof(ImDrawIdx) == 2 || sizeof(ImDrawIdx) == 4,
              "SDL_RenderGeometryRaw takes 1, 2 or 4 byte indices");
// ImDrawVert::col is an ImU32 laid out R,G,B,A in memory (little endian), which is exactly SDL_Color.
static_assert(sizeof(ImU32) == sizeof(SDL_Color), "ImDrawVert colour must read as SDL_Color");

void reset_render_state(SDL_Renderer* renderer) {
    SDL_RenderSetViewport(renderer, nullptr);
    SDL_RenderSetClipRect(renderer, nullptr);
}

} // namespace

void draw(SDL_Renderer* renderer, const ImDrawData* draw_data) {
    if (!draw_data || !draw_data->Valid) return;
    // DisplayFramebufferScale is 1: ImGui coordinates are already output pixels.
    const float fb_w = draw_data->DisplaySize.x * draw_data->FramebufferScale.x;
    const float fb_h = draw_data->DisplaySize.y * draw_data->FramebufferScale.y;
    if (fb_w <= 0.0f || fb_h <= 0.0f) return; // minimised
    const ImVec2 clip_off = draw_data->DisplayPos;
    const ImVec2 clip_scale = draw_data->FramebufferScale;

    reset_render_state(renderer);
    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
        const ImDrawList* list = draw_data->CmdLists[n];
        const ImDrawVert* vertices = list->VtxBuffer.Data;
        const ImDrawIdx* indices = list->IdxBuffer.Data;
        for (int c = 0; c < list->CmdBuffer.Size; ++c) {
            const ImDrawCmd& cmd = list->CmdBuffer[c];
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    reset_render_state(renderer);
                else
                    cmd.UserCallback(list, &cmd);
                continue;
            }
            // Clip rectangle in framebuffer pixels, clamped to the target.
            const float x0 = std::max((cmd.ClipRect.x - clip_off.x) * clip_scale.x, 0.0f);
            const float y0 = std::max((cmd.ClipRect.y - clip_off.y) * clip_scale.y, 0.0f);
            const float x1 = std::min((cmd.ClipRect.z - clip_off.x) * clip_scale.x, fb_w);
            const float y1 = std::min((cmd.ClipRect.w - clip_off.y) * clip_scale.y, fb_h);
            if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
            const SDL_Rect clip{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                                static_cast<int>(y1 - y0)};
            SDL_RenderSetClipRect(renderer, &clip);

            const ImDrawVert* first = vertices + cmd.VtxOffset;
            const char* base = reinterpret_cast<const char*>(first);
            const auto* xy = reinterpret_cast<const float*>(base + offsetof(ImDrawVert, pos));
            const auto* uv = reinterpret_cast<const float*>(base + offsetof(ImDrawVert, uv));
            const auto* color = reinterpret_cast<const SDL_Color*>(base + offsetof(ImDrawVert, col));
            const int stride = static_cast<int>(sizeof(ImDrawVert));
            SDL_RenderGeometryRaw(renderer, static_cast<SDL_Texture*>(cmd.GetTexID()), xy, stride, color,
                                  stride, uv, stride, list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset),
                                  indices + cmd.IdxOffset, static_cast<int>(cmd.ElemCount),
                                  static_cast<int>(sizeof(ImDrawIdx)));
        }
    }
    reset_render_state(renderer);
}

// [SECTION] Textures
SDL_Texture* create_rgba_texture(SDL_Renderer* renderer, const std::uint8_t* rgba, int width, int height) {
    if (!renderer || !rgba || width <= 0 || height <= 0) return nullptr;
    // SDL_PIXELFORMAT_RGBA32 is R,G,B,A bytes in memory on any endianness (ABGR8888 on little endian).
    SDL_Texture* texture =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, width, height);
    if (!texture) return nullptr;
    if (SDL_UpdateTexture(texture, nullptr, rgba, width * 4) != 0) {
        SDL_DestroyTexture(texture);
        return nullptr;
    }
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND); // straight alpha
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    return texture;
}

// [SECTION] Screenshots
bool read_rgb(SDL_Renderer* renderer, std::vector<std::uint8_t>* rgb, int* width, int* height,
              std::string* error) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0) {
        if (error) *error = std::string("screenshot: no render output: ") + SDL_GetError();
        return false;
    }
    rgb->assign(static_cast<std::size_t>(w) * h * 3, 0);
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGB24, rgb->data(), w * 3) != 0) {
        if (error) *error = std::string("screenshot: cannot read pixels: ") + SDL_GetError();
        return false;
    }
    *width = w;
    *height = h;
    return true;
}

bool write_png(const std::string& path, const std::vector<std::uint8_t>& rgb, int width, int height,
               std::string* error) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec) {
            if (error) *error = "screenshot: cannot create " + parent.string() + ": " + ec.message();
            return false;
        }
    }
    if (!stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3)) {
        if (error) *error = "screenshot: cannot write " + path;
        return false;
    }
    return true;
}

} // namespace amorce::platform::render
