"""Demo issue for September 2026 (published). Invented content in the bulletin style."""

from .registry import at, cite

ISSUE = {
    "year": 2026,
    "month": 9,
    "status": "published",
    "published_at": at(2026, 9, 5, 8),
    "sections": [
        {
            "level": 1,
            "heading": cite("kh412_tu"),
            "presents": "kh412_tu",
            "cites": ["ct09_tu", "nq03_tw"],
            "body": """
<p>Ngày 22/5/2026, Bộ Chính trị ban hành Nghị quyết số 03-NQ/TW về đẩy mạnh chuyển đổi số trong
hoạt động của các cơ quan Đảng, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội đến năm 2030,
tầm nhìn đến năm 2035. Thực hiện Nghị quyết, Ban Thường vụ Tỉnh ủy Cao Bằng ban hành Chỉ thị số
09-CT/TU, ngày 10/7/2026 về tăng cường sự lãnh đạo của các cấp ủy đảng đối với chuyển đổi số trong
hệ thống chính trị tỉnh.</p>
<p>Để cụ thể hóa Chỉ thị tại Đảng bộ thành phố, ngày 14/8/2026, Ban Thường vụ Thành ủy ban hành Kế
hoạch số 412-KH/TU với những nội dung chính sau:</p>
""",
        },
        {
            "level": 2,
            "heading": "Mục đích, yêu cầu",
            "body": """
<p>- Nâng cao nhận thức của cấp ủy, tổ chức đảng, cán bộ, đảng viên về vị trí, vai trò của chuyển
đổi số; xác định chuyển đổi số là nhiệm vụ chính trị quan trọng, thường xuyên, gắn với đổi mới
phương thức lãnh đạo của Đảng và nâng cao chất lượng sinh hoạt chi bộ.</p>
<p>- Người đứng đầu cấp ủy, cơ quan, đơn vị trực tiếp lãnh đạo, chỉ đạo và chịu trách nhiệm về kết
quả chuyển đổi số tại địa phương, đơn vị mình; lấy hiệu quả phục vụ công việc và sự hài lòng của
đảng viên, Nhân dân làm thước đo.</p>
<p>- Ứng dụng công nghệ số phải đi đôi với bảo đảm an toàn, an ninh thông tin, bảo vệ bí mật nhà
nước; <strong>tài liệu có nội dung mật tuyệt đối không được lưu trữ, truyền đưa trên các thiết bị,
phần mềm có kết nối Internet</strong>.</p>
""",
        },
        {
            "level": 2,
            "heading": "Chỉ tiêu chủ yếu",
            "body": """
<p>Kế hoạch đề ra 7 chỉ tiêu đến năm 2030, trong đó có một số chỉ tiêu chủ yếu sau:</p>
<figure class="table">
<table>
<thead>
<tr><th>Stt</th><th>Chỉ tiêu</th><th>Đến năm 2027</th><th>Đến năm 2030</th></tr>
</thead>
<tbody>
<tr><td>1</td><td>Hồ sơ đảng viên được số hóa, cập nhật trên phần mềm quản lý đảng
viên</td><td>100%</td><td>100%</td></tr>
<tr><td>2</td><td>Văn bản không mật của cấp ủy được gửi, nhận trên môi trường
mạng</td><td>90%</td><td>100%</td></tr>
<tr><td>3</td><td>Chi bộ sử dụng tài liệu sinh hoạt chi bộ trên nền tảng
số</td><td>70%</td><td>100%</td></tr>
<tr><td>4</td><td>Đảng viên sử dụng sổ tay đảng viên điện tử</td><td>60%</td><td>90%</td></tr>
<tr><td>5</td><td>Cán bộ làm công tác đảng được bồi dưỡng kỹ năng
số</td><td>80%</td><td>100%</td></tr>
</tbody>
</table>
</figure>
""",
        },
        {
            "level": 2,
            "heading": "Nhiệm vụ, giải pháp",
            "body": """
<p>Kế hoạch đề ra 5 nhóm nhiệm vụ, giải pháp; trong đó các chi bộ cần quán triệt và tập trung thực
hiện ba nhóm nhiệm vụ sau:</p>
""",
        },
        {
            "level": 3,
            "heading": "Nâng cao nhận thức và kỹ năng số cho cán bộ, đảng viên",
            "body": """
<p>Các cấp ủy đưa nội dung chuyển đổi số vào chương trình sinh hoạt chi bộ, bồi dưỡng lý luận chính
trị cho đảng viên mới và cập nhật kiến thức cho cấp ủy viên. Tổ chức các lớp tập huấn ngắn ngày
theo hình thức “cầm tay chỉ việc” để đảng viên lớn tuổi biết sử dụng điện thoại thông minh tra cứu
văn bản, đọc tài liệu sinh hoạt, tham gia các nhóm thông tin của chi bộ.</p>
<p>Phát huy vai trò của đoàn viên thanh niên trong các tổ công nghệ số cộng đồng, hỗ trợ đảng viên
và Nhân dân cài đặt, sử dụng các ứng dụng dịch vụ công, thanh toán không dùng tiền mặt.</p>
""",
        },
        {
            "level": 3,
            "heading": "Số hóa hồ sơ, dữ liệu và hoàn thiện hạ tầng số của các cơ quan đảng",
            "body": """
<p>Ban Tổ chức Thành ủy chủ trì hướng dẫn các đảng ủy, chi bộ rà soát, số hóa hồ sơ đảng viên, hoàn
thành trong năm 2027; cập nhật kịp thời các biến động về đảng viên trên phần mềm quản lý. Văn phòng
Thành ủy nâng cấp mạng nội bộ, trang bị thiết bị bảo đảm an toàn thông tin, triển khai chữ ký số
cho các đồng chí cấp ủy viên và bí thư các đảng ủy trực thuộc.</p>
""",
        },
        {
            "level": 3,
            "heading": "Đưa tài liệu sinh hoạt chi bộ lên môi trường số",
            "body": """
<p>Ban Tuyên giáo Thành ủy chủ trì xây dựng phần mềm tài liệu sinh hoạt chi bộ điện tử theo hướng
dẫn của Trung ương<sup>1</sup>. Từ tháng 10/2026, tài liệu sinh hoạt hằng tháng được cung cấp đồng
thời bản in và bản điện tử; bí thư chi bộ được cấp tài khoản để đọc trước tài liệu, tra cứu toàn
văn các văn bản được trích dẫn và ghi nhận ý kiến của chi bộ.</p>
<p>Tài liệu trên phần mềm chỉ dùng trong nội bộ của Đảng; mỗi tài khoản do cá nhân tự quản lý,
không cho người khác mượn, không chụp, chia sẻ nội dung lên mạng xã hội.</p>
""",
            "footnotes": [
                ("1", cite("hd05_vptw") + "."),
            ],
        },
        {
            "level": 2,
            "heading": "Tổ chức thực hiện",
            "cites": ["qd1580_tu"],
            "body": """
<p>- Ban Chỉ đạo chuyển đổi số của Thành ủy<sup>1</sup> giúp Ban Thường vụ Thành ủy chỉ đạo, đôn
đốc, kiểm tra việc thực hiện Kế hoạch; Ban Tuyên giáo Thành ủy là cơ quan thường trực.</p>
<p>- Các đảng ủy phường, xã, chi bộ trực thuộc xây dựng kế hoạch thực hiện, gửi về Ban Thường vụ
Thành ủy trước ngày 15/9/2026; hằng năm đánh giá kết quả chuyển đổi số trong báo cáo tổng kết công
tác xây dựng Đảng.</p>
<p>- Ủy ban Kiểm tra Thành ủy đưa việc thực hiện Kế hoạch vào chương trình kiểm tra, giám sát; kịp
thời biểu dương, nhân rộng cách làm hay, xử lý nghiêm các trường hợp vi phạm quy định về bảo vệ bí
mật nhà nước trên môi trường mạng.</p>
""",
            "footnotes": [
                ("1", cite("qd1580_tu") + "."),
            ],
        },
        {
            "level": 1,
            "heading": cite("qd27_tu_2026"),
            "presents": "qd27_tu_2026",
            "cites": ["qd12_tu_2019"],
            "body": """
<p>Sinh hoạt chi bộ là sinh hoạt chính trị thường xuyên, là nơi giáo dục, rèn luyện đảng viên, phát
huy dân chủ, thực hiện tự phê bình và phê bình. Nhằm nâng cao chất lượng sinh hoạt chi bộ phù hợp
với yêu cầu nhiệm vụ trong tình hình mới, ngày 30/7/2026, Ban Thường vụ Thành ủy ban hành Quy định
số 27-QĐ/TU, thay thế Quy định số 12-QĐ/TU năm 2019<sup>1</sup>. Quy định gồm 4 chương, 16 điều, có
hiệu lực kể từ ngày ký.</p>
""",
            "footnotes": [
                (
                    "1",
                    cite("qd12_tu_2019")
                    + "; hết hiệu lực kể từ ngày Quy định số 27-QĐ/TU được ký ban hành.",
                ),
            ],
        },
        {
            "level": 2,
            "heading": "Những điểm mới của Quy định",
            "body": """
<p>So với quy định trước đây, Quy định số 27-QĐ/TU có một số điểm mới sau:</p>
<ul>
<li><strong>Về sinh hoạt chuyên đề:</strong> mỗi chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần
(trước đây ít nhất 6 tháng một lần); chủ đề do chi ủy lựa chọn từ định hướng của Ban Tuyên giáo
Thành ủy và yêu cầu thực tiễn của chi bộ.</li>
<li><strong>Về tài liệu sinh hoạt:</strong> tài liệu phục vụ sinh hoạt chi bộ hằng tháng được cung
cấp đồng thời bản in và bản điện tử; bí thư chi bộ có trách nhiệm nghiên cứu trước tài liệu, gợi ý
nội dung thảo luận phù hợp với chi bộ.</li>
<li><strong>Về đánh giá chất lượng:</strong> bổ sung bộ tiêu chí đánh giá chất lượng buổi sinh hoạt
(khâu chuẩn bị, nội dung, tỷ lệ đảng viên phát biểu, tính khả thi của nghị quyết chi bộ); kết quả
là căn cứ để đánh giá, xếp loại chi bộ cuối năm.</li>
<li><strong>Về dự sinh hoạt:</strong> cấp ủy viên cấp trên được phân công theo dõi phải dự sinh
hoạt chi bộ ít nhất 2 lần mỗi năm và có ý kiến nhận xét bằng văn bản.</li>
</ul>
""",
        },
        {
            "level": 2,
            "heading": "Quy trình sinh hoạt chi bộ định kỳ",
            "body": """
<p>Buổi sinh hoạt chi bộ định kỳ được tiến hành theo các bước sau:</p>
<ol>
<li>Khai mạc: tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình; thông báo số đảng viên
có mặt, vắng mặt và lý do vắng mặt.</li>
<li>Thông tin thời sự, phổ biến văn bản mới của cấp trên; quán triệt nội dung tài liệu sinh hoạt
chi bộ trong tháng.</li>
<li>Đánh giá tình hình thực hiện nhiệm vụ tháng trước: kết quả, hạn chế, nguyên nhân.</li>
<li>Thảo luận, đề ra nhiệm vụ, giải pháp tháng tới; phân công cụ thể cho từng đảng viên.</li>
<li>Biểu quyết thông qua nghị quyết (kết luận) của buổi sinh hoạt; bế mạc.</li>
</ol>
<p>Thời gian mỗi buổi sinh hoạt định kỳ không ít hơn 90 phút; biên bản ghi đầy đủ ý kiến phát biểu
và kết quả biểu quyết. Các chi bộ cần nghiên cứu kỹ Quy định, đối chiếu với thực tế để khắc phục
tình trạng sinh hoạt hình thức, nội dung chung chung; chú trọng lựa chọn những vấn đề cụ thể, thiết
thực ở địa bàn dân cư, cơ quan, đơn vị để bàn bạc, quyết định.</p>
""",
        },
        {
            "level": 1,
            "heading": (
                "Gương điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh: "
                "đồng chí Hoàng Thị Kim Thoa, Phó Bí thư Chi bộ Tổ dân phố 5, phường Hợp Giang"
            ),
            "body": """
<p>Nghỉ hưu sau hơn 30 năm công tác trong ngành giáo dục, đồng chí Hoàng Thị Kim Thoa trở về sinh
sống tại Tổ dân phố 5, phường Hợp Giang. Với tinh thần “nghỉ hưu nhưng không nghỉ việc”, đồng chí
được đảng viên tín nhiệm bầu làm Phó Bí thư Chi bộ, đồng thời là Tổ trưởng Tổ hòa giải của tổ dân
phố.</p>
<p>Thấm nhuần lời dạy của Bác <em>“Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng
xong”</em>, đồng chí kiên trì đến từng hộ để lắng nghe, vận động. Năm 2025, khi thành phố triển
khai mở rộng ngõ phố, đồng chí là người đầu tiên hiến 18 m² đất, tự tháo dỡ tường rào; từ đó vận
động thêm 14 hộ cùng hiến đất, giúp con ngõ được mở rộng, bê tông hóa mà không phải đền bù.</p>
<p>Đồng chí còn là người khởi xướng “Tủ sách khuyến học” tại nhà văn hóa tổ dân phố, kêu gọi các
gia đình đóng góp hơn 600 đầu sách; mỗi tối thứ Sáu, các cháu học sinh đến đọc sách, ôn bài dưới sự
hướng dẫn của các thầy, cô giáo đã nghỉ hưu. Những mâu thuẫn nhỏ giữa các hộ về ranh giới đất,
tiếng ồn, vật nuôi đều được Tổ hòa giải giải quyết thấu tình, đạt lý; nhiều năm liền tổ dân phố
không có đơn thư vượt cấp.</p>
<p>Ghi nhận những đóng góp đó, năm 2025, đồng chí Hoàng Thị Kim Thoa được Ban Thường vụ Thành ủy
tặng Giấy khen điển hình tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí
Minh. Tấm gương của đồng chí cho thấy: học và làm theo Bác bắt đầu từ những việc nhỏ, cụ thể, thiết
thực, bền bỉ hằng ngày ngay tại khu dân cư.</p>
<p><em>Gợi ý thảo luận:</em> Chi bộ trao đổi về những việc làm cụ thể mà mỗi đảng viên có thể làm
để góp phần xây dựng tổ dân phố, xóm văn minh; mỗi đảng viên đăng ký ít nhất một việc làm theo Bác
trong quý IV năm 2026.</p>
""",
        },
        {
            "level": 1,
            "heading": "Tin hoạt động của Thành phố",
        },
        {
            "level": 2,
            "heading": "Hội nghị triển khai Kế hoạch số 412-KH/TU về chuyển đổi số",
            "event": "trien_khai_chuyen_doi_so",
            "cites": ["kh412_tu"],
            "body": """
<p>Ngày 20/8/2026, Ban Thường vụ Thành ủy tổ chức Hội nghị triển khai Kế hoạch số 412-KH/TU về
chuyển đổi số trong hệ thống chính trị thành phố. Đồng chí Nông Thị Thanh Vân, Ủy viên BTV Tỉnh ủy,
Bí thư Thành ủy chủ trì Hội nghị. Dự Hội nghị có các đồng chí Ủy viên Ban Thường vụ Thành ủy, Thành
ủy viên; bí thư các đảng ủy, chi bộ trực thuộc; lãnh đạo các ban xây dựng Đảng, các phòng, ban
chuyên môn của thành phố.</p>
<p>Tại Hội nghị, đồng chí Bế Thị Lan Hương, Ủy viên BTV Thành ủy, Trưởng Ban Tuyên giáo Thành ủy
quán triệt những nội dung cơ bản của Kế hoạch và giới thiệu phần mềm tài liệu sinh hoạt chi bộ điện
tử đang được sử dụng thử nghiệm. Đồng chí Đàm Văn Tuấn, Ủy viên BTV Thành ủy, Trưởng Ban Tổ chức
Thành ủy hướng dẫn tiến độ số hóa hồ sơ đảng viên. Đồng chí Hoàng Văn Bằng, Bí thư Đảng ủy phường
Hợp Giang chia sẻ kinh nghiệm thí điểm sử dụng tài liệu điện tử trong sinh hoạt tại 3 chi bộ của
phường.</p>
<figure class="image"><img src="/static/demo/hoi-nghi-trien-khai-chuyen-doi-so.jpg" alt="Quang cảnh
Hội nghị triển khai Kế hoạch số 412-KH/TU"><figcaption>Quang cảnh hội nghị</figcaption></figure>
<p>Phát biểu kết luận, đồng chí Bí thư Thành ủy nhấn mạnh: chuyển đổi số trước hết là chuyển đổi
nhận thức; mỗi cấp ủy viên, mỗi bí thư chi bộ phải là người đi đầu sử dụng các ứng dụng số trong
công việc. Đồng chí yêu cầu các đảng ủy, chi bộ trực thuộc xây dựng kế hoạch thực hiện trước ngày
15/9/2026; Ban Tuyên giáo Thành ủy hoàn thiện phần mềm để đưa vào sử dụng chính thức từ số tài liệu
tháng 10/2026.</p>
""",
        },
        {
            "level": 2,
            "heading": "Bí thư Thành ủy đối thoại với Nhân dân phường Sông Hiến",
            "event": "doi_thoai_song_hien",
            "body": """
<p>Chiều 27/8/2026, tại Nhà văn hóa phường Sông Hiến, Thường trực Thành ủy phối hợp với Ủy ban MTTQ
Việt Nam thành phố tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân. Đồng chí
Nông Thị Thanh Vân, Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy và đồng chí Hà Thị Nguyệt, Ủy viên BTV
Thành ủy, Trưởng Ban Dân vận Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố đồng chủ trì Hội
nghị. Tham dự có đồng chí Mã Văn Cường, Thành ủy viên, Phó Chủ tịch UBND thành phố; đồng chí Vi Văn
Sơn, Bí thư Đảng ủy phường Sông Hiến cùng hơn 150 đại biểu là người có uy tín, tổ trưởng tổ dân phố
và Nhân dân trên địa bàn phường.</p>
<p>Tại Hội nghị, 11 lượt ý kiến đã được nêu, tập trung vào tiến độ cải tạo tuyến kè và đường dạo
ven sông Hiến; tình trạng ngập úng cục bộ tại một số ngõ phố khi mưa lớn; việc cấp giấy chứng nhận
quyền sử dụng đất cho các hộ có nguồn gốc đất phức tạp; mong muốn có thêm sân chơi cho thanh thiếu
niên.</p>
<p>Đồng chí Mã Văn Cường trực tiếp trả lời, làm rõ nhiều nội dung thuộc thẩm quyền của UBND thành
phố; đồng chí Vi Văn Sơn tiếp thu các ý kiến thuộc trách nhiệm của phường. Kết luận Hội nghị, đồng
chí Bí thư Thành ủy ghi nhận các ý kiến tâm huyết, thẳng thắn của Nhân dân; giao UBND thành phố
khẩn trương khảo sát, khắc phục các điểm ngập úng trước mùa mưa năm sau và công khai tiến độ giải
quyết từng kiến nghị để Nhân dân theo dõi, giám sát.</p>
""",
        },
        {
            "level": 2,
            "heading": "Lễ trao Huy hiệu Đảng đợt 2/9/2026",
            "event": "trao_huy_hieu_2_9",
            "body": """
<p>Sáng 01/9/2026, Thành ủy Cao Bằng tổ chức Lễ trao Huy hiệu Đảng đợt 2/9 cho 42 đảng viên. Đồng
chí Hoàng Văn Thạch, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố chủ trì buổi lễ; dự
có đồng chí Đàm Văn Tuấn, Ủy viên BTV Thành ủy, Trưởng Ban Tổ chức Thành ủy cùng đại diện cấp ủy
các đảng bộ, chi bộ có đảng viên được trao Huy hiệu.</p>
<figure class="table">
<table>
<thead>
<tr><th>Huy hiệu</th><th>Số đảng viên</th></tr>
</thead>
<tbody>
<tr><td>70 năm tuổi Đảng</td><td>2</td></tr>
<tr><td>65 năm tuổi Đảng</td><td>3</td></tr>
<tr><td>60 năm tuổi Đảng</td><td>5</td></tr>
<tr><td>55 năm tuổi Đảng</td><td>9</td></tr>
<tr><td>50 năm tuổi Đảng</td><td>11</td></tr>
<tr><td>45 năm tuổi Đảng</td><td>7</td></tr>
<tr><td>40 năm tuổi Đảng</td><td>5</td></tr>
</tbody>
</table>
</figure>
<p>Phát biểu tại buổi lễ, đồng chí Nông Thị Thanh Vân, Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy chúc
mừng các đảng viên được trao tặng Huy hiệu Đảng; khẳng định các đồng chí đã có nhiều đóng góp trong
sự nghiệp xây dựng và bảo vệ Tổ quốc, là tấm gương sáng để thế hệ trẻ học tập, noi theo. Đồng chí
mong muốn các đảng viên lão thành tiếp tục giữ vững phẩm chất người đảng viên, tích cực đóng góp ý
kiến xây dựng Đảng, xây dựng chính quyền, gương mẫu vận động con cháu và Nhân dân chấp hành tốt chủ
trương của Đảng, chính sách, pháp luật của Nhà nước.</p>
<figure class="image"><img src="/static/demo/trao-huy-hieu-dang-2-9-2026.jpg" alt="Trao Huy hiệu
Đảng cho các đảng viên"><figcaption>Đồng chí Bí thư Thành ủy trao Huy hiệu Đảng cho các đảng
viên</figcaption></figure>
<p>Thay mặt các đảng viên được nhận Huy hiệu, đại diện đảng viên lão thành bày tỏ niềm vinh dự, tự
hào và hứa sẽ tiếp tục giữ gìn phẩm chất chính trị, tham gia tích cực các phong trào ở khu dân cư,
xứng đáng với sự tin yêu của Đảng và Nhân dân.</p>
""",
        },
    ],
}
