# median_lines.awk - the median of one number per line (with stats.awk):
#   awk -f scripts/lib/stats.awk -f scripts/lib/median_lines.awk
{ list = list " " $1; n++ }
END { if (n) print stats_median(list, n) }
