print("match")
