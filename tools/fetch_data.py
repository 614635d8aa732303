"""./workbench fetch-data: download the public datasets the notebooks read, into $GWBENCH_DATA or data/.

  tu          the TU graph datasets of the GWF paper (AIDS, PROTEINS, PROTEINS_full, IMDB-BINARY), from the
              TUDataset server (https://chrsmrrs.github.io/datasets/), unzipped into tu/NAME/
  embeddings  the GloVe 6B and Twitter 27B vectors (nlp.stanford.edu; 822 MB and 1.4 GB zips) into
              embeddings/glove_6B and embeddings/glove_twitter_27B, and the MUSE bilingual dictionaries
              (dl.fbaipublicfiles.com) into embeddings/muse_dictionaries
  fasttext    fastText Wikipedia vectors wiki.LANG.vec for en, fr, de, it, pt, es (several GB each) into
              embeddings/fasttext, for the MUSE rows of the NGW paper's Table 3
Files already present are kept. Needs internet access; the build machines of this project have none, so the
tests read a copy of the data through GWBENCH_DATA instead.
"""
import argparse
import io
import os
import shutil
import sys
import urllib.request
import zipfile

TU = ["AIDS", "PROTEINS", "PROTEINS_full", "IMDB-BINARY"]
TU_URL = "https://www.chrsmrrs.com/graphkerneldatasets/{}.zip"
GLOVE = {"glove_6B": "https://nlp.stanford.edu/data/glove.6B.zip",
         "glove_twitter_27B": "https://nlp.stanford.edu/data/glove.twitter.27B.zip"}
LANGS = ["en", "fr", "de", "it", "pt", "es"]
MUSE_URL = "https://dl.fbaipublicfiles.com/arrival/dictionaries/{}-{}.{}.txt"
FASTTEXT_URL = "https://dl.fbaipublicfiles.com/fasttext/vectors-wiki/wiki.{}.vec"


def download(url, dest):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = dest + ".part"
    print(f"fetch-data: {url}", file=sys.stderr, flush=True)
    with urllib.request.urlopen(url, timeout=60) as r, open(tmp, "wb") as f:
        shutil.copyfileobj(r, f, length=1 << 20)
    os.replace(tmp, dest)


def fetch_tu(root):
    for name in TU:
        folder = os.path.join(root, "tu", name)
        if os.path.isfile(os.path.join(folder, f"{name}_A.txt")):
            continue
        z = os.path.join(root, "tu", name + ".zip")
        download(TU_URL.format(name), z)
        with zipfile.ZipFile(z) as zf:
            zf.extractall(os.path.join(root, "tu"))
        os.remove(z)


def fetch_embeddings(root):
    for sub, url in GLOVE.items():
        folder = os.path.join(root, "embeddings", sub)
        if os.path.isdir(folder) and any(f.endswith(".txt") for f in os.listdir(folder)):
            continue
        z = os.path.join(folder, os.path.basename(url))
        download(url, z)
        with zipfile.ZipFile(z) as zf:
            zf.extractall(folder)
        os.remove(z)
    for s in LANGS:
        for t in LANGS:
            if s == t:
                continue
            for part in ("0-5000", "5000-6500"):
                dest = os.path.join(root, "embeddings", "muse_dictionaries", f"{s}-{t}.{part}.txt")
                if not os.path.isfile(dest):
                    try:
                        download(MUSE_URL.format(s, t, part), dest)
                    except OSError as e:  # a few pairs do not exist upstream
                        print(f"fetch-data: skipped {s}-{t}.{part}: {e}", file=sys.stderr)


def fetch_fasttext(root):
    for lang in LANGS:
        dest = os.path.join(root, "embeddings", "fasttext", f"wiki.{lang}.vec")
        if not os.path.isfile(dest):
            download(FASTTEXT_URL.format(lang), dest)


def main():
    ap = argparse.ArgumentParser(prog="workbench fetch-data", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="*", default=["tu", "embeddings"], choices=["tu", "embeddings", "fasttext", "all"])
    ap.add_argument("--dir", default=os.environ.get("GWBENCH_DATA") or "data", help="data root (default: $GWBENCH_DATA or data/)")
    args = ap.parse_args()
    what = set(args.what)
    if "all" in what:
        what = {"tu", "embeddings", "fasttext"}
    try:
        os.makedirs(args.dir, exist_ok=True)
        if "tu" in what:
            fetch_tu(args.dir)
        if "embeddings" in what:
            fetch_embeddings(args.dir)
        if "fasttext" in what:
            fetch_fasttext(args.dir)
    except (OSError, zipfile.BadZipFile) as e:
        print(f"fetch-data: {e} (is there internet access? the files can also be copied into {args.dir} by hand; "
              "see the README's data section)", file=sys.stderr)
        return 2
    print(f"fetch-data: data in {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
