#include "StallMeter.h"

#include "BenchContext.h"

#include <algorithm>

StallMeter::StallMeter()
{
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_ticker.setInterval(1);
    QObject::connect(&m_ticker, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_longest = std::max(m_longest, now - m_last);
        m_last = now;
    });
}

void StallMeter::start()
{
    m_longest = 0;
    m_clock.start();
    m_last = 0;
    m_ticker.start();
}

std::pair<double, qint64> StallMeter::stop()
{
    m_ticker.stop();
    return {double(m_longest) / 1e6, m_clock.elapsed()};
}

std::pair<double, double> StallMeter::stopWithFloor()
{
    const auto [stall, duration] = stop();
    start();
    BenchContext::spin(int(duration));
    return {stall, stop().first};
}
