# ---
# id: ab-mann-whitney-python
# title: Mann-Whitney U test with scipy
# family: ab
# methods: [ab.mann_whitney]
# language: python
# libraries: [scipy, pandas]
# description: >
#   Rank-based test of whether one arm tends to have larger values, robust to outliers and skewed
#   metrics such as time on site. It does not test a difference in means.
# ---
import pandas as pd
from scipy import stats


def mann_whitney(df, treatment, outcome):
    a = df[df[treatment] == 0][outcome]
    b = df[df[treatment] == 1][outcome]
    return stats.mannwhitneyu(a, b, alternative="two-sided")


@staticmethod
def unused():
    return 1


if __name__ == "__main__":
    print(mann_whitney(pd.read_csv("data.csv"), "variant", "seconds"))
