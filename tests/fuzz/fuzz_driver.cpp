// SPDX-License-Identifier: GPL-3.0-or-later
// A plain driver for a libFuzzer target, for compilers without libFuzzer and for CTest:
//   fuzz_<parser> <corpus directory> [mutations per seed] [seed]
// runs the target on every file of the corpus, then on the given number of deterministic mutations of each
// (bit flips, byte changes, deletions, duplicated ranges, inserted format tokens, truncations, splices). It exits
// non-zero when the corpus is empty; a crash or hang of the target is the test failure.
#include "FuzzTarget.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <cstdio>

namespace {

struct XorShift
{
    quint64 s;
    quint64 next()
    {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    qsizetype below(qsizetype n) { return n <= 0 ? 0 : qsizetype(next() % quint64(n)); }
};

const char* const kTokens[] = {"<",
                               ">",
                               "</",
                               "\"",
                               "\"\"",
                               ";",
                               ",",
                               "\t",
                               "\r\n",
                               "\n",
                               "\r",
                               "^\n",
                               "!Type:Bank\n",
                               "<STMTTRN>",
                               "</STMTTRN>",
                               "<Ntry>",
                               "</Ntry>",
                               "<TxDtls>",
                               "&amp;",
                               "&#0;",
                               "&#x110000;",
                               "\xEF\xBB\xBF",
                               "\xFF\xFE",
                               "\xC3",
                               "\xE2\x82",
                               "-",
                               "(",
                               ")",
                               "1.234,56",
                               "99999999999999999999",
                               "31/12/99",
                               "20240229235959.999[-12:X]",
                               "<![CDATA[",
                               "<!--",
                               "<?",
                               "?>",
                               "DBIT",
                               "CRDT",
                               "BOOK"};

QByteArray mutate(const QByteArray& in, const QList<QByteArray>& corpus, XorShift& rng)
{
    QByteArray out = in;
    const int steps = 1 + int(rng.below(8));
    for (int k = 0; k < steps; ++k) {
        switch (rng.below(8)) {
        case 0:
            if (!out.isEmpty())
                out[rng.below(out.size())] ^= char(1 << rng.below(8));
            break;
        case 1:
            if (!out.isEmpty())
                out[rng.below(out.size())] = char(rng.below(256));
            break;
        case 2:
            if (!out.isEmpty()) {
                const qsizetype at = rng.below(out.size());
                out.remove(at, 1 + rng.below(std::min<qsizetype>(64, out.size() - at)));
            }
            break;
        case 3:
            if (!out.isEmpty() && out.size() < (1 << 20)) {
                const qsizetype at = rng.below(out.size());
                const qsizetype len = 1 + rng.below(std::min<qsizetype>(256, out.size() - at));
                out.insert(rng.below(out.size() + 1), out.mid(at, len));
            }
            break;
        case 4:
        case 5:
            out.insert(rng.below(out.size() + 1), kTokens[rng.below(std::size(kTokens))]);
            break;
        case 6:
            out.truncate(rng.below(out.size() + 1));
            break;
        default:
            if (!corpus.isEmpty()) {
                const QByteArray& other = corpus[rng.below(corpus.size())];
                out = out.left(rng.below(out.size() + 1)) + other.mid(rng.below(other.size() + 1));
            }
            break;
        }
    }
    return out;
}

void run(const QByteArray& input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.constData()), size_t(input.size()));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus directory> [mutations per seed] [seed]\n", argv[0]);
        return 2;
    }
    const int mutations = argc > 2 ? std::atoi(argv[2]) : 200;
    XorShift rng {argc > 3 ? quint64(std::strtoull(argv[3], nullptr, 10)) | 1 : 0x9E3779B97F4A7C15ULL};
    QList<QByteArray> corpus;
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            corpus.append(f.readAll());
    }
    if (corpus.isEmpty()) {
        std::fprintf(stderr, "no seed files in %s\n", argv[1]);
        return 1;
    }
    run({});
    qint64 runs = 1;
    for (const QByteArray& seed : std::as_const(corpus)) {
        run(seed);
        ++runs;
        for (int i = 0; i < mutations; ++i) {
            run(mutate(seed, corpus, rng));
            ++runs;
        }
    }
    // Random bytes too.
    for (int i = 0; i < mutations; ++i) {
        QByteArray noise(rng.below(512), Qt::Uninitialized);
        for (char& c : noise)
            c = char(rng.below(256));
        run(noise);
        ++runs;
    }
    std::printf("%lld inputs, no crash\n", static_cast<long long>(runs));
    return 0;
}
