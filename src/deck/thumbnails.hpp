// Thumbnails: downscaled once, cached on disk by content hash, loaded by worker threads.
//
// ThumbnailCache turns an image file into a small RGBA image. The first time it decodes the
// full image and writes "<blake2b-of-the-file>-<side>.png" into its folder; afterwards the small
// PNG is read instead, so a second start decodes no full image. Keying by content (not by path)
// means a replaced photo never shows a stale thumbnail and two decks sharing a photo share it.
//
// ThumbnailLoader runs ThumbnailCache on 1-2 worker threads. The UI thread calls request() for
// what it wants to show and poll() once a frame to collect what is ready; neither blocks. The
// optional on_result callback runs on a worker thread after each result (the app passes
// platform's wake() so the render-on-demand loop draws the new thumbnail).
#pragma once

#include "deck/images.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace amorce::deck {

class ThumbnailCache {
  public:
    static constexpr int kDefaultLongSide = 384;

    explicit ThumbnailCache(std::filesystem::path dir, int long_side = kDefaultLongSide,
                            ImageLimits limits = {});

    // Thread-safe. The thumbnail of an image file, from the cache when present and valid, otherwise
    // decoded, downscaled and written to the cache (best effort: an unwritable cache folder still
    // gives thumbnails, just not cached ones). On failure returns false with an English reason.
    bool get(const std::filesystem::path& image_file, Image* out, std::string* error);

    const std::filesystem::path& dir() const { return dir_; }
    int long_side() const { return long_side_; }
    const ImageLimits& limits() const { return limits_; }

    // Counters for tests and benchmarks.
    int full_decodes() const { return full_decodes_.load(); } // full-size images decoded
    int cache_hits() const { return cache_hits_.load(); }     // thumbnails read back from disk
    int cache_writes() const { return cache_writes_.load(); } // thumbnails written to disk

  private:
    bool load_cached(const std::filesystem::path& file, Image* out) const;
    void store_cached(const std::filesystem::path& file, const Image& thumb);

    std::filesystem::path dir_;
    int long_side_;
    ImageLimits limits_;
    std::atomic<int> full_decodes_{0};
    std::atomic<int> cache_hits_{0};
    std::atomic<int> cache_writes_{0};
};

struct ThumbnailResult {
    std::string key; // as given to request()
    bool ok = false;
    Image image;       // the thumbnail (or the large image for request_large)
    std::string error; // English reason when !ok
};

class ThumbnailLoader {
  public:
    // threads is clamped to 1..4. The cache must outlive the loader.
    explicit ThumbnailLoader(ThumbnailCache& cache, int threads = 2, std::function<void()> on_result = {});
    ~ThumbnailLoader(); // drops what is still queued, lets running jobs finish, joins

    ThumbnailLoader(const ThumbnailLoader&) = delete;
    ThumbnailLoader& operator=(const ThumbnailLoader&) = delete;

    // Queues the thumbnail of `file` under `key` (e.g. "regards/pont"). A key already queued is not
    // queued twice. Requests run in order.
    void request(const std::string& key, const std::filesystem::path& file);

    // Queues the image itself downscaled to long_side (the full-screen view); not cached on disk.
    void request_large(const std::string& key, const std::filesystem::path& file, int long_side);

    // Forgets every queued request (e.g. the grid scrolled away); running ones still report.
    void cancel_pending();

    // UI thread: the results finished since the last call. Never blocks on a decode.
    std::vector<ThumbnailResult> poll();

    // Blocks until nothing is queued or running, or the timeout passes (tests, tools, benchmarks).
    bool wait_idle(std::chrono::milliseconds timeout);

  private:
    struct Job {
        std::string key;
        std::filesystem::path file;
        int large_side = 0; // 0: a cached thumbnail
    };
    void enqueue(Job job);
    void work();
    ThumbnailResult run(const Job& job);

    ThumbnailCache& cache_;
    std::function<void()> on_result_;
    std::mutex mutex_;
    std::condition_variable work_cv_; // workers wait for jobs
    std::condition_variable idle_cv_; // wait_idle waits for the queue to drain
    std::deque<Job> queue_;
    std::set<std::string> queued_keys_;
    std::vector<ThumbnailResult> results_;
    int running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace amorce::deck
