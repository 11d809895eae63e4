# ---
# id: r-geometric-adstock
# title: Geometric adstock and Hill saturation in R
# family: mmm
# methods: [mmm.adstock]
# ---

#' Geometric adstock
#'
#' Carries a share \code{theta} of each period's media effect into the next period.
#' @param x Spend or impressions by period.
#' @param theta Decay rate between 0 and 1.
#' @export
adstock_geometric <- function(x, theta) {
  stopifnot(theta >= 0, theta < 1)
  out <- numeric(length(x))
  out[1] <- x[1]
  for (t in seq_along(x)[-1]) {
    out[t] <- x[t] + theta * out[t - 1]
  }
  out
}

#' Hill saturation
#' @param x Adstocked media.
#' @param alpha Shape.
#' @param gamma Inflexion point as a share of the range of x.
saturation_hill <- function(x, alpha, gamma) {
  inflexion <- min(x) + gamma * (max(x) - min(x))
  x^alpha / (x^alpha + inflexion^alpha)
}
