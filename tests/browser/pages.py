"""What the browser tests measure on a page, as scripts for `page.evaluate`."""

# The height of each line of chart text as drawn, for the charts on screen.
CHART_TEXT = """() => [...document.querySelectorAll('svg text')]
  .flatMap(text => text.querySelector('tspan') ? [...text.querySelectorAll('tspan')] : [text])
  .map(line => line.getBoundingClientRect().height).filter(height => height > 0)"""
