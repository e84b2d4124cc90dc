// Thumbnails: the on-disk cache and the worker-thread loader (see thumbnails.hpp).
//
// [SECTION] ThumbnailCache
// [SECTION] ThumbnailLoader
#include "deck/thumbnails.hpp"

#include <sodium.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <new>
#include <system_error>

namespace amorce::deck {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] ThumbnailCache
//-----------------------------------------------------------------------------

ThumbnailCache::ThumbnailCache(fs::path dir, int long_side, ImageLimits limits)
    : dir_(std::move(dir)), long_side_(std::clamp(long_side, 16, 4096)), limits_(limits) {}

bool ThumbnailCache::get(const fs::path& image_file, Image* out, std::string* error) {
    std::vector<std::uint8_t> bytes;
    ImageError read_error = ImageError::None;
    if (!read_file(image_file, limits_.max_file_bytes, &bytes, &read_error, error)) return false;

    const fs::path cached =
        dir_ / (content_hash(bytes.data(), bytes.size()) + "-" + std::to_string(long_side_) + ".png");
    if (load_cached(cached, out)) {
        ++cache_hits_;
        return true;
    }
    Image full;
    ImageInfo info;
    if (!decode_image(bytes.data(), bytes.size(), limits_, &full, &info)) {
        if (error) *error = info.message;
        return false;
    }
    ++full_decodes_;
    bytes = {}; // the encoded file is no longer needed: keep peak memory to one decoded image
    *out = downscale(full, long_side_);
    if (out->empty()) {
        if (error) *error = "image cannot be scaled down";
        return false;
    }
    store_cached(cached, *out);
    return true;
}

// A cache file is trusted only if it decodes as a PNG no larger than the thumbnail size: a file
// torn by a crash or damaged on disk is simply rebuilt (and overwritten).
bool ThumbnailCache::load_cached(const fs::path& file, Image* out) const {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return false;
    std::vector<std::uint8_t> bytes;
    ImageError e = ImageError::None;
    if (!read_file(file, 16u << 20, &bytes, &e, nullptr)) return false;
    ImageLimits small;
    small.max_side = long_side_;
    small.max_pixels = std::int64_t(long_side_) * long_side_;
    Image image;
    ImageInfo info;
    if (!decode_image(bytes.data(), bytes.size(), small, &image, &info) || info.format != ImageFormat::Png)
        return false;
    *out = std::move(image);
    return true;
}

// Written to a unique temporary name then renamed: concurrent writers (two workers, two app
// instances) and crashes never leave a half-written file under the final name.
void ThumbnailCache::store_cached(const fs::path& file, const Image& thumb) {
    std::vector<std::uint8_t> png;
    if (!encode_png(thumb, &png)) return;
    std::error_code ec;
    fs::create_directories(dir_, ec);
    char suffix[17];
    unsigned char rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(suffix, sizeof suffix, rnd, sizeof rnd);
    fs::path tmp = file;
    tmp += std::string(".tmp-") + suffix;
    {
        std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
        o.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        o.close();
        if (!o) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return;
    }
    ++cache_writes_;
}

//-----------------------------------------------------------------------------
// [SECTION] ThumbnailLoader
//-----------------------------------------------------------------------------

ThumbnailLoader::ThumbnailLoader(ThumbnailCache& cache, int threads, std::function<void()> on_result)
    : cache_(cache), on_result_(std::move(on_result)) {
    threads = std::clamp(threads, 1, 4);
    for (int i = 0; i < threads; ++i)
        threads_.emplace_back([this] { work(); });
}

ThumbnailLoader::~ThumbnailLoader() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        queue_.clear();
        queued_keys_.clear();
    }
    work_cv_.notify_all();
    for (auto& t : threads_)
        t.join();
}

void ThumbnailLoader::request(const std::string& key, const fs::path& file) {
    enqueue({key, file, 0});
}

void ThumbnailLoader::request_large(const std::string& key, const fs::path& file, int long_side) {
    enqueue({key, file, std::max(1, long_side)});
}

void ThumbnailLoader::enqueue(Job job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_ || !queued_keys_.insert(job.key).second) return;
        queue_.push_back(std::move(job));
    }
    work_cv_.notify_one();
}

void ThumbnailLoader::cancel_pending() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.clear();
        queued_keys_.clear();
    }
    idle_cv_.notify_all();
}

std::vector<ThumbnailResult> ThumbnailLoader::poll() {
    std::vector<ThumbnailResult> out;
    std::lock_guard<std::mutex> lock(mutex_);
    out.swap(results_);
    return out;
}

bool ThumbnailLoader::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return idle_cv_.wait_for(lock, timeout, [this] { return queue_.empty() && running_ == 0; });
}

void ThumbnailLoader::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            queued_keys_.erase(job.key);
            ++running_;
        }
        ThumbnailResult result = run(job);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            results_.push_back(std::move(result));
            --running_;
        }
        idle_cv_.notify_all();
        if (on_result_) on_result_();
    }
}

// Never throws: a worker that died would leave its cards on the placeholder forever.
ThumbnailResult ThumbnailLoader::run(const Job& job) {
    ThumbnailResult r;
    r.key = job.key;
    try {
        if (job.large_side == 0) {
            r.ok = cache_.get(job.file, &r.image, &r.error);
        } else {
            std::vector<std::uint8_t> bytes;
            ImageError e = ImageError::None;
            Image full;
            ImageInfo info;
            if (!read_file(job.file, cache_.limits().max_file_bytes, &bytes, &e, &r.error)) return r;
            if (!decode_image(bytes.data(), bytes.size(), cache_.limits(), &full, &info)) {
                r.error = info.message;
                return r;
            }
            bytes = {};
            r.image = downscale(full, job.large_side);
            r.ok = !r.image.empty();
            if (!r.ok) r.error = "image cannot be scaled down";
        }
    } catch (const std::bad_alloc&) {
        r = ThumbnailResult{job.key, false, {}, "not enough memory to decode the image"};
    } catch (const std::exception& ex) {
        r = ThumbnailResult{job.key, false, {}, ex.what()};
    }
    return r;
}

} // namespace amorce::deck
