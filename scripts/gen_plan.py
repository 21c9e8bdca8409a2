"""Writes a fictional plan of many 施策 for tests and benchmarks.

    .venv/bin/python scripts/gen_plan.py OUT [--policies 100] [--seed 1]

Deterministic for a seed: 5 将来像, 基本目標 and 施策 spread over them, short
and long 施策 (one to six paragraphs, one to six directions, zero to six
indicators, notes). A draft: no artwork, some 施策 without indicators, and
every 37th 施策 deliberately too long for its spread."""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

SENTENCES = [
    "市民と行政が協働し、地域の課題を解決する仕組みを整えます。",
    "身近な場所で相談でき、必要な支援に早くつながる体制をつくります。",
    "地域の団体や事業者と連携し、担い手の育成を進めます。",
    "誰もが安心して暮らせるよう、見守りと支え合いの輪を広げます。",
    "公共施設の計画的な維持管理を行い、安全で快適な利用環境を保ちます。",
    "デジタル技術を活用し、手続の負担を減らして利便性を高めます。",
    "子どもから高齢者まで、世代を超えて交流できる場を増やします。",
    "自然環境を守り、次の世代に豊かなみどりを引き継ぎます。",
    "地域の産業を支え、にぎわいと雇用を生み出します。",
    "情報をわかりやすく発信し、市民が参加しやすい市政を進めます。",
    "災害に備え、日頃から地域の防災力を高める取組を広げます。",
    "健康づくりの機会を増やし、いきいきと暮らせるまちを目指します。",
]
TITLES = ["相談支援の充実", "地域福祉の推進", "子育て環境の整備", "学びの機会の充実",
          "防災力の強化", "交通環境の整備", "産業の振興", "環境保全の推進",
          "行政運営の効率化", "文化・スポーツの振興", "健康づくりの推進", "協働の推進"]
DEPARTMENTS = ["企画課", "福祉課", "子育て支援課", "教育総務課", "防災課", "道路課",
               "産業振興課", "環境課", "総務課", "文化スポーツ課", "健康推進課", "市民協働課"]
UNITS = ["人", "件", "%", "回", "団体", "か所", "万人", "t"]


def text(rng: random.Random, paragraphs: int, sentences: tuple[int, int] = (2, 4)) -> str:
    return "\n\n".join("".join(rng.choice(SENTENCES) for _ in range(rng.randint(*sentences)))
                       for _ in range(paragraphs)) + "\n"


def policy(rng: random.Random, code: int, goal: int, n: int) -> dict:
    long = n % 37 == 36
    size = rng.choice([1, 1, 2, 2, 3]) if not long else 6
    indicators = []
    for i in range(rng.choice([0, 1, 1, 2, 3, 6]) if not long else 6):
        base = rng.randint(1, 5000)
        indicators.append({
            "name": f"{rng.choice(TITLES)}の指標（{code}-{i + 1}）", "unit": rng.choice(UNITS),
            "baseline": {"value": base}, "target": {"value": base + rng.randint(1, 500)},
            "direction": "up",
        })
    p = {
        "code": code, "goal": goal, "title": f"{rng.choice(TITLES)}（{code}）",
        "departments": [rng.choice(DEPARTMENTS)],
        "future": text(rng, size if not long else 8, (2, 5) if not long else (5, 6)),
        "directions": [{"title": f"{rng.choice(TITLES)}を進めます", "body": text(rng, 1)}
                       for _ in range(rng.randint(1, 3 if not long else 8))],
        "indicators": indicators,
        "collaboration": {"summary": rng.choice(SENTENCES),
                          "citizens": text(rng, 1, (1, 2)), "government": text(rng, 1, (1, 2))},
    }
    if rng.random() < 0.3:
        p["future"] = p["future"].rstrip("\n") + "[^n1]\n"
        p["notes"] = {"n1": "この施策で使う言葉の説明です。"}
    return p


def write(out: Path, policies: int = 100, seed: int = 1) -> Path:
    rng = random.Random(seed)
    out = Path(out)
    (out / "policies").mkdir(parents=True, exist_ok=True)

    def dump(rel: str, data) -> None:
        (out / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")

    dump("plan.yaml", {"municipality": "試験市", "title": "第1次試験市総合計画",
                       "subtitle": "基本構想・基本計画", "period": {"start": 2027, "end": 2036},
                       "baseline_year": 2025, "vision_suffix": "しけん",
                       "policy_label": "施策 {vision}-{code}", "output_name": "generated-plan"})
    visions, n = [], 0
    per_vision = max(1, policies // 5)
    for v in range(1, 6):
        goals = []
        count = per_vision if v < 5 else policies - per_vision * 4
        per_goal = max(1, -(-count // 4))
        for g in range(1, 5):
            code = v * 10 + g
            goals.append({"code": code, "title": f"{rng.choice(TITLES)}の実現（{code}）",
                          "body": text(rng, 1)})
            for i in range(1, per_goal + 1):
                if count <= 0:
                    break
                dump(f"policies/{code * 100 + i}.yaml", policy(rng, code * 100 + i, code, n))
                n += 1
                count -= 1
        visions.append({"number": v, "title": f"将来像{v}の姿", "summary": text(rng, 1),
                        "artwork": None, "goals": goals})
    dump("concept.yaml", {"philosophy": {"lead": text(rng, 1), "motto": "みんなでつくる試験市",
                                         "body": text(rng, 2), "artwork": None},
                          "visions_intro": text(rng, 1), "visions": visions})
    dump("artwork.yaml", {})
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--policies", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(write(Path(a.out), a.policies, a.seed))
