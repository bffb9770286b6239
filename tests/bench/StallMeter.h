#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <utility>

// The GUI thread's responsiveness: a 1 ms precise timer that should tick every millisecond;
// the longest gap between two ticks is the longest the thread was busy (a stall).
class StallMeter {
public:
    StallMeter();
    void start();
    // The longest gap in ms, and how long the measurement ran (ms).
    std::pair<double, qint64> stop();
    // Stops; the longest gap in ms, and its floor: the longest gap of an idle wait as long as the
    // measurement, on the same thread right after it.
    std::pair<double, double> stopWithFloor();

private:
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};
