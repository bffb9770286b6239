#include "templates/TextDiff.h"

#include <QList>

#include <algorithm>
#include <vector>

namespace {

enum class Op { Same, Removed, Added };

struct Edit {
    Op op;
    int a; // line in before (Same, Removed)
    int b; // line in after (Same, Added)
};

// Myers' O((N+M)D) greedy search, keeping each round's frontier to walk the path back.
QList<Edit> shortestEdit(const QStringList& a, const QStringList& b)
{
    const int n = int(a.size()), m = int(b.size()), max = n + m, offset = max + 1;
    std::vector<int> v(size_t(2 * max + 3), 0);
    std::vector<std::vector<int>> trace;
    for (int d = 0; d <= max; ++d) {
        trace.push_back(v);
        bool reached = false;
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                        ? v[size_t(offset + k + 1)]
                        : v[size_t(offset + k - 1)] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[size_t(offset + k)] = x;
            if (x >= n && y >= m) {
                reached = true;
                break;
            }
        }
        if (reached)
            break;
    }
    QList<Edit> edits;
    int x = n, y = m;
    for (int d = int(trace.size()) - 1; d >= 0 && (x > 0 || y > 0); --d) {
        const std::vector<int>& w = trace[size_t(d)];
        const int k = x - y;
        const bool down = k == -d || (k != d && w[size_t(offset + k - 1)] < w[size_t(offset + k + 1)]);
        const int prevK = down ? k + 1 : k - 1;
        const int prevX = d == 0 ? 0 : w[size_t(offset + prevK)];
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            --x;
            --y;
            edits.append({Op::Same, x, y});
        }
        if (d > 0) {
            if (down)
                edits.append({Op::Added, x, --y});
            else
                edits.append({Op::Removed, --x, y});
        }
    }
    std::reverse(edits.begin(), edits.end());
    return edits;
}

} // namespace

QStringList TextDiff::unified(const QString& before, const QString& after, const QString& beforeLabel,
                              const QString& afterLabel, int context)
{
    const QStringList a = before.split(u'\n'), b = after.split(u'\n');
    const QList<Edit> edits = shortestEdit(a, b);
    QList<qsizetype> changed;
    for (qsizetype i = 0; i < edits.size(); ++i) {
        if (edits[i].op != Op::Same)
            changed << i;
    }
    if (changed.isEmpty())
        return {};
    QStringList out{QStringLiteral("--- ") + beforeLabel, QStringLiteral("+++ ") + afterLabel};
    for (qsizetype c = 0; c < changed.size();) {
        // One hunk: changes less than 2 * context lines apart, with context lines around them.
        qsizetype last = c;
        while (last + 1 < changed.size() && changed[last + 1] - changed[last] <= 2 * context)
            ++last;
        const qsizetype start = std::max<qsizetype>(0, changed[c] - context);
        const qsizetype end = std::min<qsizetype>(edits.size(), changed[last] + context + 1);
        int aStart = -1, bStart = -1, aCount = 0, bCount = 0;
        QStringList body;
        for (qsizetype j = start; j < end; ++j) {
            const Edit& e = edits[j];
            if (e.op != Op::Added && aStart < 0)
                aStart = e.a;
            if (e.op != Op::Removed && bStart < 0)
                bStart = e.b;
            aCount += e.op != Op::Added;
            bCount += e.op != Op::Removed;
            body << (e.op == Op::Same ? u' ' + a[e.a] : e.op == Op::Removed ? u'-' + a[e.a] : u'+' + b[e.b]);
        }
        out << QStringLiteral("@@ -%1,%2 +%3,%4 @@")
                   .arg(aStart < 0 ? 0 : aStart + 1)
                   .arg(aCount)
                   .arg(bStart < 0 ? 0 : bStart + 1)
                   .arg(bCount)
            << body;
        c = last + 1;
    }
    return out;
}
